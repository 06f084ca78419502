/** The provider module the loader runs, relative to the project directory, and its export. */
export const SCP_ATTACHMENTS_PROVIDER_MODULE = "components/scpAttachmentsProvider";
export const SCP_ATTACHMENTS_PROVIDER_EXPORT = "scpAttachmentsProvider";

/**
 * The `__provider` of every SCP set: the code Pulumi's dynamic provider host loads for it
 * (`exports.handler()` returns the provider), stored in each resource's inputs and outputs.
 *
 * Instead of the provider itself, which would be serialized with everything it uses (26 KB per
 * resource) and keep running in that form for `read` and `delete` long after an upgrade, it
 * loads the provider installed in the project. The host runs in the project directory, and the
 * `require` it gives this text resolves from there. The host is plain Node, so the loader first
 * registers `ts-node`, as Pulumi's language host does for the program, unless some TypeScript
 * loader already is.
 *
 * A fixed text rather than a serialized function: the same on every machine and compiler, so
 * that resources are rewritten only when it changes here. Changing it costs one update of every
 * SCP set, which changes nothing in AWS (see `diff` in the provider).
 */
export const SCP_ATTACHMENTS_LOADER = `exports.handler = () => {
    if (require.extensions[".ts"] === undefined) require("ts-node").register({ transpileOnly: true });
    return require(require("path").resolve("${SCP_ATTACHMENTS_PROVIDER_MODULE}")).${SCP_ATTACHMENTS_PROVIDER_EXPORT};
};
`;
