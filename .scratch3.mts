import { PdfComposer } from './src/lib/pdf.ts';
import { sealDrawing } from './src/modules/seals/drawing.ts';
import { composeDocument } from './src/modules/documents/layout.ts';
const render = (c: PdfComposer) => {
    c.text('张三：', { size: 12, spaceBefore: 8 });
    c.text('你（单位）于 2026年1月5日 提出的食品经营许可申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。', { size: 12, indent: 0 });
  };
const seal = sealDrawing('兴安盟市场监督管理局', '行政审批专用章');
const mode = process.argv[2];
const ts: number[] = [];
for (let i = 0; i < 300; i++) {
  const c0 = process.cpuUsage();
  if (mode === 'plain') { const c = await PdfComposer.create({ title: 'x' }); render(c); await c.finish('x'); }
  else await composeDocument({ id: 'c750e81e-2ba0-47ac-9d05-d05f4200d890', orgName: '兴安盟市场监督管理局', title: '受理通知书', number: 'N1', issuedOn: '2026-01-05', verifyUrl: 'http://127.0.0.1:3000/verify/c750e81e-2ba0-47ac-9d05-d05f4200d890', seal, render });
  const cu = process.cpuUsage(c0); ts.push((cu.user + cu.system) / 1000);
}
ts.sort((a,b)=>a-b);
console.log(mode, 'min', ts[0].toFixed(1), 'p10', ts[30].toFixed(1), 'median', ts[150].toFixed(1), 'p95', ts[285].toFixed(1));
