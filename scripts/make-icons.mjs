// Renders assets/icon.svg into every icon the packaged app needs: PNG sizes, .icns and .ico.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import png2icons from 'png2icons';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({
  options: { out: { type: 'string', default: path.join(root, 'assets/build') } },
});
const buildDir = path.resolve(values.out);
const LINUX_SIZES = [16, 32, 48, 64, 128, 256, 512, 1024];

const svg = await readFile(path.join(root, 'assets/icon.svg'));
const render = (size) => new Resvg(svg, { fitTo: { mode: 'width', value: size } }).render().asPng();

await mkdir(path.join(buildDir, 'icons'), { recursive: true });
for (const size of LINUX_SIZES) {
  await writeFile(path.join(buildDir, 'icons', `${size}x${size}.png`), render(size));
}
const master = render(1024);
await writeFile(path.join(buildDir, 'icon.png'), master);
const icns = png2icons.createICNS(master, png2icons.BICUBIC, 0);
const ico = png2icons.createICO(master, png2icons.BICUBIC, 0, false, true);
if (!icns || !ico) throw new Error('png2icons could not convert assets/icon.svg');
await writeFile(path.join(buildDir, 'icon.icns'), icns);
await writeFile(path.join(buildDir, 'icon.ico'), ico);
console.log(
  `icons: ${LINUX_SIZES.length} PNG sizes, icon.icns and icon.ico in ${path.relative(process.cwd(), buildDir) || '.'}`,
);
