/**
 * On Node.js 20, the AWS SDK prints an eight-line notice (a `process.emitWarning` starting
 * `NodeVersionSupportWarning`) when a process creates its first client: its releases from
 * January 2027 need Node.js 22. Every command that talks to AWS, and the provider host that
 * `pulumi up` runs the SCP attachments in, would show it on every run. The SDK's own switch
 * silences exactly that notice and no other warning; a user who sets the switch to anything
 * (`false`) keeps seeing it.
 */
export function silenceSdkNodeVersionNotice(): void {
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
}
