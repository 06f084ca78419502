import * as assert from "assert";
import * as path from "path";
import { loadOrgModel } from "../../src/config/loadOrgFile";
import { toDot } from "../../src/diagram/dotFormat";
import { orgDiagram } from "../../src/diagram/orgGraph";
import { renderPng } from "../../src/diagram/renderPng";
import { renderSvg } from "../../src/diagram/renderSvg";

const ROOT = path.resolve(__dirname, "..", "..");

/** Width and height from a PNG's IHDR chunk. */
function pngSize(png: Uint8Array): [number, number] {
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    return [view.getUint32(16), view.getUint32(20)];
}

const box = (text: string, family: string) =>
    `<svg width="120pt" height="30pt" viewBox="0 0 120 30" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="120" height="30" fill="white"/>${text === "" ? "" : `<text x="4" y="20" font-family="${family}" font-size="14">${text}</text>`}</svg>`;

describe("diagram PNG", () => {
    it("is a PNG twice the SVG's size, the same bytes on every run", async function () {
        this.timeout(20_000);
        const svg = await renderSvg(toDot(orgDiagram(loadOrgModel(path.join(ROOT, "config", "prod.yaml")), "prod.yaml")));
        const png = await renderPng(svg);
        assert.deepStrictEqual([...png.slice(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        const size = /<svg width="(\d+)pt" height="(\d+)pt"/.exec(svg);
        // resvg counts a point as 4/3 of a pixel; the default zoom is 2.
        assert.deepStrictEqual(pngSize(png), [Math.round((Number(size?.[1]) * 4) / 3) * 2, Math.round((Number(size?.[2]) * 4) / 3) * 2]);
        assert.deepStrictEqual(await renderPng(svg), png);
    });

    it("draws text in the bundled font whatever family the SVG names, one the machine has or not", async () => {
        const blank = await renderPng(box("", "Helvetica"));
        const helvetica = await renderPng(box("patient-records-dev", "Helvetica,sans-Serif"));
        const unknown = await renderPng(box("patient-records-dev", "No Such Font"));
        assert.notDeepStrictEqual(helvetica, blank, "the text is drawn");
        assert.deepStrictEqual(unknown, helvetica, "every family is drawn in the same font");
    });

    it("keeps a very large organization under 32 million pixels by zooming less", async () => {
        const png = await renderPng(box("x", "Helvetica").replace('width="120pt" height="30pt"', 'width="12000pt" height="3000pt"'));
        const [w, h] = pngSize(png);
        assert.ok(w * h <= 32_000_000 && w * h > 30_000_000, `${String(w)}×${String(h)}`);
    });
});
