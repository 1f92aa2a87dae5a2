/* Kaiko: progressive enhancement of server-rendered pages. Without this file every page still works. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var PHONE = window.matchMedia('(max-width: 760px)');
  var facetsOpen = false;

  function initFacets(root) {
    var aside = root.querySelector('.facets');
    var toggle = root.querySelector('.facets-toggle');
    if (!aside || !toggle) return;
    aside.classList.toggle('open', facetsOpen);
    toggle.setAttribute('aria-expanded', String(facetsOpen || !PHONE.matches));
  }

  document.addEventListener('click', function (e) {
    var toggle = e.target.closest && e.target.closest('.facets-toggle');
    if (!toggle) return;
    facetsOpen = !facetsOpen;
    toggle.closest('.facets').classList.toggle('open', facetsOpen);
    toggle.setAttribute('aria-expanded', String(facetsOpen));
  });

  function initSearch() {
    var form = document.getElementById('search-form');
    var area = document.getElementById('results-area');
    var q = document.getElementById('q');
    if (!form || !area || !q) return;
    var list = document.getElementById('suggestions');
    var typingTimer, suggestTimer, pending, typing = false;
    var baseTitle = document.title.replace(/^.* – /, '');

    function formUrl() {
      var params = new URLSearchParams();
      new FormData(form).forEach(function (value, key) {
        if (value === '') return;
        if (key === 'sort') {
          var select = form.querySelector('select[name=sort]');
          if (select && value === select.getAttribute('data-default')) return;
        }
        params.append(key, value);
      });
      var s = params.toString();
      return '/search' + (s ? '?' + s : '');
    }

    /* history: 'push' a new entry, 'replace' the current one (while typing), or 'none' (Back/Forward). */
    function load(url, history) {
      if (pending) pending.abort();
      var controller = pending = new AbortController();
      area.setAttribute('aria-busy', 'true');
      fetch(url, { headers: { 'X-Kaiko-Fragment': 'results' }, signal: controller.signal, credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (controller !== pending) return;
          area.innerHTML = html;
          area.setAttribute('aria-busy', 'false');
          initFacets(area);
          if (history === 'push') window.history.pushState({ kaiko: true }, '', url);
          else if (history === 'replace') window.history.replaceState({ kaiko: true }, '', url);
          document.title = (q.value ? q.value + ' – ' : '') + baseTitle;
        })
        .catch(function (err) {
          if (err.name !== 'AbortError') window.location.href = url;
        });
    }

    q.addEventListener('input', function () {
      clearTimeout(typingTimer);
      clearTimeout(suggestTimer);
      typingTimer = setTimeout(function () {
        load(formUrl(), typing ? 'replace' : 'push');
        typing = true;
      }, 180);
      suggestTimer = setTimeout(suggest, 120);
    });

    form.addEventListener('change', function (e) {
      if (e.target === q) return;
      typing = false;
      load(formUrl(), 'push');
    });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      typing = false;
      load(formUrl(), 'push');
    });

    area.addEventListener('click', function (e) {
      var a = e.target.closest && e.target.closest('a');
      if (!a || a.origin !== window.location.origin || a.pathname !== '/search') return;
      if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      typing = false;
      q.value = new URLSearchParams(a.search).get('q') || '';
      load(a.pathname + a.search, 'push');
      area.scrollIntoView({ block: 'start' });
    });

    window.addEventListener('popstate', function () {
      typing = false;
      q.value = new URLSearchParams(window.location.search).get('q') || '';
      load(window.location.pathname + window.location.search, 'none');
    });

    /* Suggestions from GET /api/suggest: technology names (any alias, Japanese or English), then topic titles. */
    function suggest() {
      var text = q.value.trim();
      if (!list || text.length < 1) return;
      fetch('/api/suggest?q=' + encodeURIComponent(text), { credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (json) {
          if (!json || q.value.trim() !== text) return;
          var seen = {};
          list.textContent = '';
          (json.suggestions || []).forEach(function (s) {
            if (seen[s.text] || s.text === text) return;
            seen[s.text] = true;
            var option = document.createElement('option');
            option.value = s.text;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are a nicety */ });
    }

    window.history.replaceState({ kaiko: true }, '', window.location.pathname + window.location.search);
  }

  function initUpload() {
    var form = document.querySelector('.upload-form');
    if (!form) return;
    form.addEventListener('submit', function () {
      var status = form.querySelector('.import-progress');
      var button = form.querySelector('button[type=submit]');
      if (status) status.hidden = false;
      if (button) button.disabled = true;
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    initFacets(document);
    initSearch();
    initUpload();
  });
})();
