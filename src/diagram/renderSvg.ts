import { instance } from "@viz-js/viz";

/**
 * Lays out DOT and renders SVG with Graphviz compiled to WebAssembly: no system binary.
 * Graphviz still draws a graph whose labels it cannot parse (leaving them out), so any
 * error it reports fails the rendering instead of producing a diagram with holes.
 */
export async function renderSvg(dot: string): Promise<string> {
    const viz = await instance();
    const result = viz.render(dot, { format: "svg" });
    const errors = result.errors.filter((e) => e.level !== "warning").map((e) => e.message);
    if (result.status !== "success" || errors.length > 0) {
        throw new Error(`Graphviz could not render the diagram: ${errors.join(" ")}`);
    }
    return result.output;
}
