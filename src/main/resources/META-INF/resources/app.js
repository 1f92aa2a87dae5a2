/* Kaiko: progressive enhancement of server-rendered pages. Without this file every page still works. */
(function () {
  'use strict';
  document.documentElement.classList.add('js');

  var PHONE = window.matchMedia('(max-width: 760px)');
  var facetsOpen = false;
  var expandedFacets = {}; /* facet name -> true while its "show more" is open; survives the results being swapped */

  function initFacets(root) {
    var aside = root.querySelector('.facets');
    var toggle = root.querySelector('.facets-toggle');
    if (!aside || !toggle) return;
    aside.classList.toggle('open', facetsOpen);
    toggle.setAttribute('aria-expanded', String(facetsOpen || !PHONE.matches));
    Array.prototype.forEach.call(root.querySelectorAll('.facet-more'), function (more) {
      more.hidden = false;
      showMore(more, !!expandedFacets[more.getAttribute('data-facet')]);
    });
  }

  /* Accessibility: the facet's extra values are hidden by CSS until its "show more" button expands them. */
  function showMore(more, expanded) {
    more.closest('.facet').classList.toggle('expanded', expanded);
    more.setAttribute('aria-expanded', String(expanded));
    more.textContent = more.getAttribute(expanded ? 'data-fewer' : 'data-more');
  }

  document.addEventListener('click', function (e) {
    var more = e.target.closest && e.target.closest('.facet-more');
    if (!more) return;
    var facet = more.getAttribute('data-facet');
    expandedFacets[facet] = !expandedFacets[facet];
    showMore(more, expandedFacets[facet]);
  });

  /* Accessibility: Enter toggles a facet checkbox as Space does (keyboard users expect either to work). */
  document.addEventListener('keydown', function (e) {
    var box = e.target;
    if (e.key !== 'Enter' || !box.matches || !box.matches('.facet input[type=checkbox]')) return;
    e.preventDefault();
    box.click();
  });

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
    var status = document.getElementById('search-status');
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
    /* The query log counts a search once: while the reader types, and when facets, sort or pages change the same
       query, requests say so (X-Kaiko-Typing) and are not logged; a query is logged once typing settles, or at once
       when submitted or followed from a link. */
    var loggedQ = q.value.trim();
    var settleTimer;
    function refining(partial) {
      var text = q.value.trim();
      if (partial || text === loggedQ) return true;
      loggedQ = text;
      return false;
    }

    function load(url, history, partial) {
      if (pending) pending.abort();
      var controller = pending = new AbortController();
      area.setAttribute('aria-busy', 'true');
      var headers = { 'X-Kaiko-Fragment': 'results' };
      if (refining(partial)) headers['X-Kaiko-Typing'] = '1';
      fetch(url, { headers: headers, signal: controller.signal, credentials: 'same-origin' })
        .then(function (r) { return r.text(); })
        .then(function (html) {
          if (controller !== pending) return;
          var focused = focusKey(document.activeElement);
          area.innerHTML = html;
          area.setAttribute('aria-busy', 'false');
          initFacets(area);
          restoreFocus(focused);
          announce();
          if (history === 'push') window.history.pushState({ kaiko: true }, '', url);
          else if (history === 'replace') window.history.replaceState({ kaiko: true }, '', url);
          document.title = (q.value ? q.value + ' – ' : '') + baseTitle;
        })
        .catch(function (err) {
          if (err.name !== 'AbortError') window.location.href = url;
        });
    }

    /* Accessibility: a control focused in the results area (a facet, "show more") is focused again once the
       area is swapped, so keyboard users keep their place. */
    function focusKey(el) {
      if (!el || !area.contains(el)) return null;
      if (el.matches('.facet-more')) return '.facet-more[data-facet="' + CSS.escape(el.getAttribute('data-facet')) + '"]';
      if (el.name && el.type === 'checkbox') {
        return 'input[name="' + CSS.escape(el.name) + '"][value="' + CSS.escape(el.value) + '"]';
      }
      if (el.name) return '[name="' + CSS.escape(el.name) + '"]';
      return null;
    }

    function restoreFocus(key) {
      var el = key && area.querySelector(key);
      if (el) el.focus();
    }

    /* Accessibility: the result count goes to the polite live region outside the swapped area, so screen readers
       announce each update (a region that is itself replaced is often not announced). */
    function announce() {
      if (!status) return;
      var count = area.querySelector('.result-count');
      var text = count ? count.textContent.trim() : '';
      /* the same text again is not announced: vary it invisibly */
      status.textContent = status.textContent === text ? text + '\u00a0' : text;
    }

    q.addEventListener('input', function () {
      clearTimeout(typingTimer);
      clearTimeout(suggestTimer);
      clearTimeout(settleTimer);
      typingTimer = setTimeout(function () {
        load(formUrl(), typing ? 'replace' : 'push', true);
        typing = true;
      }, 180);
      /* the reader stopped typing: log the query (the results are on screen already; the answer is not used) */
      settleTimer = setTimeout(function () {
        if (!refining(false)) fetch(formUrl(), { headers: { 'X-Kaiko-Fragment': 'results' }, credentials: 'same-origin' });
      }, 1500);
      suggestTimer = setTimeout(suggest, 120);
    });

    form.addEventListener('change', function (e) {
      if (e.target === q) return;
      typing = false;
      load(formUrl(), 'push');
    });

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(settleTimer);
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
      load(window.location.pathname + window.location.search, 'none', true);
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
