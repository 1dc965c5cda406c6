import { PdfComposer } from './src/lib/pdf.ts';
import { sealDrawing, drawSealOnPage } from './src/modules/seals/drawing.ts';
import QRCode from 'qrcode';
import { rgb } from 'pdf-lib';
const seal = sealDrawing('兴安盟市场监督管理局', '行政审批专用章');
const url = 'http://127.0.0.1:3000/verify/c750e81e-2ba0-47ac-9d05-d05f4200d890';
async function bench(name: string, fn: (c: PdfComposer) => void) {
  const ts: number[] = [];
  for (let i = 0; i < 40; i++) {
    const t0 = process.cpuUsage(); const t = 0;
    const c = await PdfComposer.create({ title: 'x' });
    c.text('张三：你（单位）于 2026年1月5日 提出的食品经营许可申请');
    fn(c);
    await c.finish('x');
    const u = process.cpuUsage(t0); ts.push((u.user + u.system) / 1000);
  }
  ts.sort((a, b) => a - b);
  console.log(name, 'min', ts[0].toFixed(1), 'median', ts[20].toFixed(1));
}
await bench('base', () => {});
await bench('seal', (c) => drawSealOnPage(c.doc.getPages()[0], seal, { cx: 300, cy: 300, diameter: 119 }));
await bench('qr', (c) => {
  const qr = QRCode.create(url, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size; let d = '';
  for (let y = 0; y < n; y++) { let x = 0; while (x < n) { if (!qr.modules.data[y*n+x]) { x++; continue; } const s = x; while (x < n && qr.modules.data[y*n+x]) x++; d += `M${s} ${y}h${x-s}v1h${s-x}z`; } }
  c.doc.getPages()[0].drawSvgPath(d, { x: 50, y: 200, scale: 2, color: rgb(0,0,0) });
});
await bench('moretext', (c) => { c.text('扫描二维码或访问下方网址核验真伪 本文书已加盖电子印章（SM2 签名，SM3 摘要），任何改动都将导致核验失败。兴安盟市场监督管理局 2026年11月26日 核验网址：' + url); });
