// 办事大厅: the large-text toggle (大字版) for older people, remembered on this device, and the print link.
(function () {
  var root = document.documentElement;
  var KEY = 'tongban.largeText';
  function stored() { try { return localStorage.getItem(KEY) === '1'; } catch (e) { return false; } }
  function store(on) { try { localStorage.setItem(KEY, on ? '1' : '0'); } catch (e) { /* private mode */ } }
  function apply(on) {
    root.classList.toggle('large-text', on);
    document.querySelectorAll('[data-text-size]').forEach(function (b) {
      b.setAttribute('aria-pressed', on ? 'true' : 'false');
      b.textContent = on ? '标准字号' : '大字版';
    });
  }
  document.querySelectorAll('[data-text-size]').forEach(function (b) {
    b.hidden = false;
    b.addEventListener('click', function () { var on = !root.classList.contains('large-text'); store(on); apply(on); });
  });
  apply(stored());
  document.querySelectorAll('[data-print]').forEach(function (a) {
    a.addEventListener('click', function (e) { e.preventDefault(); window.print(); });
  });
  if (/[?&]print=1\b/.test(location.search)) window.addEventListener('load', function () { window.print(); });
})();
