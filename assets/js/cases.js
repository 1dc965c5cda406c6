// 网上申请 and 我的办件 (src/modules/cases/portal-views.ts): uploads with a progress bar
// (XMLHttpRequest, whose upload reports progress; fetch does not), the choice of an earlier
// material (一证办理), the steps of the apply form, and the JSON posts of the applicant API with the
// session's CSRF token (cookie tb_csrf → header X-CSRF-Token). Loaded from this origin only (CSP).
(function () {
  'use strict';

  function csrf() {
    var m = /(?:^|;\s*)tb_csrf=([^;]+)/.exec(document.cookie);
    return m ? decodeURIComponent(m[1]) : '';
  }

  /** The Chinese part of a problem+json detail ("中文 (English)"); pages speak Chinese. */
  function chinese(detail) {
    return String(detail || '').replace(/\s*\([^()]*(\([^()]*\)[^()]*)*\)\s*$/, '');
  }

  function problemText(status, text) {
    var body = null;
    try { body = JSON.parse(text); } catch (e) { /* not JSON */ }
    if (status === 401) return '登录已过期，请重新登录后再试。';
    if (body && body.code === 'case-changed') return '办件已有新的进展，请刷新页面后重试。';
    if (body && body.detail) {
      var fields = (body.invalidParams || []).map(function (p) { return chinese(p.reason); }).filter(Boolean);
      return chinese(body.detail) + (fields.length ? '：' + fields.join('；') : '');
    }
    return '提交失败（' + status + '），请稍后再试。';
  }

  function sizeText(bytes) {
    return bytes >= 1048576 ? (bytes / 1048576).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
  }

  function showError(el, message) {
    if (!el) return;
    el.textContent = message;
    el.hidden = !message;
  }

  // ——— the guide beside the form: open on wide screens, folded on phones ———
  var wide = window.matchMedia ? window.matchMedia('(min-width: 900px)') : null;
  document.querySelectorAll('[data-open-wide]').forEach(function (d) {
    if (wide && wide.matches) d.open = true;
  });

  // ——— uploads ———
  var MAX_BYTES = 20 * 1024 * 1024;

  function setupUpload(item) {
    var box = item.querySelector('[data-upload]');
    if (!box) return;
    var input = box.querySelector('[data-file]');
    var bar = box.querySelector('[data-progress]');
    var status = box.querySelector('[data-status]');
    input.addEventListener('change', function () {
      var file = input.files && input.files[0];
      delete item.dataset.fileId;
      bar.hidden = true;
      bar.value = 0;
      status.className = 'upload-status';
      if (!file) { status.textContent = ''; return; }
      if (file.size > MAX_BYTES) {
        status.className = 'upload-status field-error';
        status.textContent = '文件超过 20 MB，请压缩后重新选择。';
        return;
      }
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/my/case-files');
      xhr.setRequestHeader('X-CSRF-Token', csrf());
      xhr.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable) return;
        bar.value = Math.round((e.loaded / e.total) * 100);
        bar.setAttribute('aria-valuetext', bar.value + '%');
      });
      xhr.addEventListener('load', function () {
        delete item.dataset.uploading;
        if (xhr.status >= 200 && xhr.status < 300) {
          var stored = JSON.parse(xhr.responseText);
          item.dataset.fileId = stored.id;
          item.dataset.fileName = stored.fileName;
          bar.value = 100;
          status.textContent = '已上传：' + stored.fileName + '（' + sizeText(stored.size) + '）';
        } else {
          bar.hidden = true;
          status.className = 'upload-status field-error';
          status.textContent = '上传失败：' + problemText(xhr.status, xhr.responseText);
        }
      });
      xhr.addEventListener('error', function () {
        delete item.dataset.uploading;
        bar.hidden = true;
        status.className = 'upload-status field-error';
        status.textContent = '网络错误，上传失败，请重新选择文件。';
      });
      var form = new FormData();
      form.append('file', file, file.name);
      item.dataset.uploading = '1';
      bar.hidden = false;
      status.textContent = '正在上传：' + file.name + '（' + sizeText(file.size) + '）';
      xhr.send(form);
    });
  }

  // An earlier material (一证办理) instead of a new upload: the upload box folds away.
  function setupReuse(item) {
    var box = item.querySelector('[data-upload]');
    item.querySelectorAll('[data-source]').forEach(function (radio) {
      radio.addEventListener('change', function () {
        if (!radio.checked) return;
        var reuse = radio.value !== 'upload';
        if (reuse) {
          item.dataset.reuse = radio.value;
          item.dataset.reuseName = radio.getAttribute('data-reuse-name') || '';
        } else {
          delete item.dataset.reuse;
        }
        if (box) box.hidden = reuse;
      });
    });
  }

  /** What each material brings: {materialId, fileId} | {materialId, reuseMaterialId} | null (nothing yet). */
  function materialChoice(item) {
    if (item.dataset.reuse) return { materialId: item.dataset.material, reuseMaterialId: item.dataset.reuse };
    if (item.dataset.fileId) return { materialId: item.dataset.material, fileId: item.dataset.fileId };
    return null;
  }

  /** The required materials still missing (or uploading): their names, and the first one's input. */
  function missing(scope) {
    var names = [];
    var first = null;
    scope.querySelectorAll('[data-material]').forEach(function (item) {
      if (item.hasAttribute('data-shared')) return;
      var pending = item.dataset.uploading === '1';
      if (pending || (item.hasAttribute('data-required') && !materialChoice(item))) {
        names.push(item.dataset.name + (pending ? '（正在上传）' : ''));
        if (!first) first = item.querySelector('[data-file]') || item.querySelector('input');
      }
    });
    return { names: names, first: first };
  }

  function postJson(url, body) {
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf() },
      body: JSON.stringify(body),
    }).then(function (res) {
      return res.text().then(function (text) { return { status: res.status, text: text }; });
    });
  }

  document.querySelectorAll('[data-material]').forEach(function (item) {
    setupUpload(item);
    setupReuse(item);
  });

  // ——— the apply form: step 2 (materials) → step 3 (contact, confirm) ———
  var applyForm = document.getElementById('apply-form');
  if (applyForm) {
    var panels = { 2: applyForm.querySelector('[data-step-panel="2"]'), 3: applyForm.querySelector('[data-step-panel="3"]') };
    var stepError = applyForm.querySelector('[data-step-error]');
    var submitError = applyForm.querySelector('[data-submit-error]');
    var summary = applyForm.querySelector('[data-summary]');

    var show = function (step) {
      panels[2].hidden = step !== 2;
      panels[3].hidden = step !== 3;
      document.querySelectorAll('.stepper li').forEach(function (li) {
        var n = Number(li.getAttribute('data-step'));
        if (n === step) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
        li.classList.toggle('done', n < step);
      });
      panels[step].querySelector('h2').focus();
    };

    var fillSummary = function () {
      summary.textContent = '';
      applyForm.querySelectorAll('[data-material]').forEach(function (item) {
        var li = document.createElement('li');
        var name = item.querySelector('h3').textContent.replace(/\s+/g, ' ').trim();
        // A held e-licence (data-held) or a shared material: provided by the platform, nothing to send.
        var how = item.hasAttribute('data-held') ? '已由平台调取：' + item.getAttribute('data-held')
          : item.hasAttribute('data-shared') ? '数据共享获取，无需提交'
          : item.dataset.reuse ? '使用已有材料：' + item.dataset.reuseName
          : item.dataset.fileId ? '已上传：' + item.dataset.fileName : '未提交（非必要）';
        li.textContent = name + ' — ' + how;
        summary.appendChild(li);
      });
    };

    panels[3].hidden = true;
    applyForm.querySelector('[data-next]').addEventListener('click', function () {
      var gap = missing(panels[2]);
      if (gap.names.length) {
        showError(stepError, '请先提交以下材料：' + gap.names.join('、'));
        if (gap.first) gap.first.focus();
        return;
      }
      showError(stepError, '');
      fillSummary();
      show(3);
    });
    applyForm.querySelector('[data-back]').addEventListener('click', function () { show(2); });

    applyForm.addEventListener('submit', function (e) {
      e.preventDefault();
      var email = applyForm.querySelector('#apply-email');
      if (email.value && !email.checkValidity()) {
        email.setAttribute('aria-invalid', 'true');
        showError(submitError, '电子邮箱格式不正确，请检查或留空。');
        email.focus();
        return;
      }
      email.removeAttribute('aria-invalid');
      var materials = [];
      applyForm.querySelectorAll('[data-material]').forEach(function (item) {
        var choice = item.hasAttribute('data-shared') ? null : materialChoice(item);
        if (choice) materials.push(choice);
      });
      var body = { implementationId: applyForm.dataset.implementation, materials: materials };
      if (applyForm.dataset.situation) body.situationId = applyForm.dataset.situation;
      if (email.value.trim()) body.email = email.value.trim();
      var button = applyForm.querySelector('button[type="submit"]');
      button.disabled = true;
      showError(submitError, '');
      postJson('/api/my/applications', body).then(function (res) {
        if (res.status === 201) {
          location.assign('/my/cases/' + encodeURIComponent(JSON.parse(res.text).id) + '?submitted=1');
          return;
        }
        button.disabled = false;
        showError(submitError, problemText(res.status, res.text));
      }, function () {
        button.disabled = false;
        showError(submitError, '网络错误，提交失败，请稍后重试。');
      });
    });
  }

  // ——— my case: supply (补齐补正), corrections (容缺补正), withdraw (撤回) ———
  document.querySelectorAll('form.case-action-form').forEach(function (form) {
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var action = form.dataset.action;
      var error = form.querySelector('[data-submit-error]');
      var body = { version: Number(form.dataset.version) };
      if (action === 'withdraw') {
        var reason = form.querySelector('textarea').value.trim();
        if (reason) body.reason = reason;
      } else {
        var gap = missing(form);
        if (gap.names.length) {
          showError(error, '请先上传：' + gap.names.join('、'));
          if (gap.first) gap.first.focus();
          return;
        }
        body.materials = [];
        form.querySelectorAll('[data-material]').forEach(function (item) {
          var choice = materialChoice(item);
          if (choice) body.materials.push(choice);
        });
      }
      var button = form.querySelector('button[type="submit"]');
      button.disabled = true;
      showError(error, '');
      postJson('/api/my/cases/' + encodeURIComponent(form.dataset.case) + '/' + action, body).then(function (res) {
        if (res.status >= 200 && res.status < 300) {
          location.assign('/my/cases/' + encodeURIComponent(form.dataset.case) + '?done=' + action);
          return;
        }
        button.disabled = false;
        showError(error, problemText(res.status, res.text));
      }, function () {
        button.disabled = false;
        showError(error, '网络错误，提交失败，请稍后重试。');
      });
    });
  });
})();
