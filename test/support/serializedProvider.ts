import Module from "module";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";

interface ModuleInternals {
    _compile(code: string, filename: string): void;
}

/**
 * Loads a dynamic provider from the text of its `__provider` input, the way Pulumi's dynamic
 * provider host does (a module compiled from that text, whose `require`s resolve from the
 * project directory, and its `handler()`), in this process.
 */
export function loadSerializedProvider(text: string): pulumi.dynamic.ResourceProvider {
    const filename = path.join(process.cwd(), "__serialized-provider.js");
    // No parent: `paths` below decides where its `require`s resolve from.
    const loaded = new Module(filename);
    loaded.filename = filename;
    loaded.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(process.cwd());
    (loaded as unknown as ModuleInternals)._compile(text, filename);
    return (loaded.exports as { handler(): pulumi.dynamic.ResourceProvider }).handler();
}
