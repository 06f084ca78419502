import * as fs from "fs";
import * as path from "path";
import { initWasm, Resvg } from "@resvg/resvg-wasm";

/*
 * PNG from the diagram's SVG, drawn with resvg (WebAssembly) and only the fonts the project
 * ships: Arimo, whose glyphs have the widths of Arial, which Graphviz assumes for `Helvetica`
 * when it sizes every box. A system's own fallback font (DejaVu Sans on Debian, wider) is what
 * made text overflow its box when someone converted the SVG themselves.
 */

/** The family the PNG is drawn in, and its files (regular and bold, as the labels use). */
const FONT_FAMILY = "Arimo";
const FONT_FILES = ["400Regular/Arimo_400Regular.ttf", "700Bold/Arimo_700Bold.ttf"];

let ready: Promise<void> | undefined;

function fontsDir(): string {
    return path.dirname(require.resolve("@expo-google-fonts/arimo/package.json"));
}

/** Loads the WebAssembly module once per process. */
function initOnce(): Promise<void> {
    ready ??= initWasm(fs.readFileSync(require.resolve("@resvg/resvg-wasm/index_bg.wasm")));
    return ready;
}

/** Pixels of the largest PNG drawn (about 32 million): a bigger organization gets a smaller zoom, not a picture too large to open. */
const MAX_PIXELS = 32_000_000;

/** The zoom for an SVG of `width` × `height` points (a point is 4/3 of a CSS pixel). */
function zoomFor(svg: string, scale: number): number {
    const size = /<svg width="([\d.]+)pt" height="([\d.]+)pt"/.exec(svg);
    if (size?.[1] === undefined || size[2] === undefined) return scale;
    const pixels = (Number(size[1]) * 4) / 3 * ((Number(size[2]) * 4) / 3);
    return Math.min(scale, Math.sqrt(MAX_PIXELS / pixels));
}

/**
 * The SVG as a PNG at `scale` times its size (2 by default, for screens that count two pixels
 * a point; less for an organization so large that the picture would pass 32 million pixels),
 * white behind it. Every font family the SVG names is drawn in Arimo: the machine's
 * fonts are never read, so the picture is the same everywhere.
 */
export async function renderPng(svg: string, scale = 2): Promise<Uint8Array> {
    await initOnce();
    const fontBuffers = FONT_FILES.map((f) => new Uint8Array(fs.readFileSync(path.join(fontsDir(), f))));
    const withOurFont = svg.replace(/font-family="[^"]*"/g, `font-family="${FONT_FAMILY}"`);
    const resvg = new Resvg(withOurFont, {
        background: "white",
        fitTo: { mode: "zoom", value: zoomFor(svg, scale) },
        font: { fontBuffers, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY, serifFamily: FONT_FAMILY },
    });
    try {
        return resvg.render().asPng();
    } finally {
        resvg.free();
    }
}
