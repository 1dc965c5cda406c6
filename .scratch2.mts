import { PdfComposer } from './src/lib/pdf.ts';
import { sealDrawing, drawSealOnPage } from './src/modules/seals/drawing.ts';
import { composeDocument } from './src/modules/documents/layout.ts';
const render = (c: PdfComposer) => {
    c.text('张三：', { size: 12, spaceBefore: 8 });
    c.text('你（单位）于 2026年1月5日 提出的食品经营许可申请，经审查，申请材料齐全、符合法定形式，根据《中华人民共和国行政许可法》第三十二条的规定，决定予以受理。', { size: 12, indent: 0 });
  };
const seal = sealDrawing('兴安盟市场监督管理局', '行政审批专用章');
for (let i = 0; i < 8; i++) {
  const t0 = performance.now();
  const c = await PdfComposer.create({ title: 'x' });
  const t1 = performance.now();
  render(c);
  c.text('兴安盟市场监督管理局 核验网址：http://127.0.0.1:3000/verify/c750e81e-2ba0-47ac-9d05-d05f4200d890');
  const t2 = performance.now();
  drawSealOnPage(c.doc.getPages()[0], seal, { cx: 300, cy: 300, diameter: 119 });
  const t3 = performance.now();
  const bytes = await c.finish('x');
  const t4 = performance.now();
  const b2 = await composeDocument({ id: 'c750e81e-2ba0-47ac-9d05-d05f4200d890', orgName: '兴安盟市场监督管理局', title: '受理通知书', number: 'N1', issuedOn: '2026-01-05', verifyUrl: 'http://127.0.0.1:3000/verify/c750e81e-2ba0-47ac-9d05-d05f4200d890', seal, render });
  const t5 = performance.now();
  console.log(`create ${(t1-t0).toFixed(1)} text ${(t2-t1).toFixed(1)} seal ${(t3-t2).toFixed(1)} finish ${(t4-t3).toFixed(1)} full ${(t5-t4).toFixed(1)} size ${bytes.length} ${b2.length}`);
}
