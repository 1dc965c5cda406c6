// A table wider than the screen (every wide table on a 375 px phone) scrolls sideways inside its own
// box; keyboard users can scroll it only if the box takes focus (WCAG 2.1.1, axe
// "scrollable-region-focusable"). antd offers no prop for that, so one observer gives every
// horizontally scrolling table box a tab stop and a name, and takes it away when it no longer scrolls.
const SELECTOR = '.ant-table-content, .ant-table-body';

function update(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) {
    const scrolls = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
    if (scrolls && !el.hasAttribute('tabindex')) {
      el.setAttribute('tabindex', '0');
      el.setAttribute('role', 'group');
      el.setAttribute('aria-label', '表格（可左右滚动）');
    } else if (!scrolls && el.getAttribute('role') === 'group') {
      el.removeAttribute('tabindex');
      el.removeAttribute('role');
      el.removeAttribute('aria-label');
    }
  }
}

export function keepScrollRegionsFocusable(): void {
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      update(document);
    });
  };
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  window.addEventListener('resize', schedule);
}
