/* The project's strict YAML loader (scripts/kinerja/loader.py), in the browser: js-yaml only
   tokenises (parseEvents), and the values are built here from the events under the loader's
   rules, so a pasted plan means in the editor what it means to `kinerja validate`:
   - duplicate keys, anchors, aliases, tags, merge keys (<<), directives, several documents,
     non-text keys, `{nilai: 7,5}` and hidden control/bidi characters are refused;
   - plain scalars follow the loader's small JSON-like schema (resolve_plain): only
     true/false, null/~/empty, decimal integers of at most 15 digits and plain decimal
     fractions become non-strings; `1.000`, `0123`, `no`, `1:20`, `2026-12-31`, an 18-digit
     NIP, `1e3`, `.nan` stay the text that was written;
   - keys are always the text written.
   Errors are thrown as YamlError {code, message, line, column} with the loader's code and
   Indonesian message. Loaded by node for tests/editor/test_yaml_parity.py. */
(function (root) {
  "use strict";
  var Y = root.KTVendor ? root.KTVendor.yaml : require("js-yaml");
  var shown = root.KTCheck ? root.KTCheck.shown : require("./check.js").shown;
  var MAX_DEPTH = 12, MAX_NODES = 100000;  // loader.MAX_DEPTH, loader.MAX_NODES
  var FORBIDDEN = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufeff\ufffe\uffff]/u;
  var INT = /^[-+]?(?:0|[1-9][0-9]{0,14})$/;
  var FLOAT = /^[-+]?(?:0|[1-9][0-9]{0,14})\.[0-9]{1,15}$/;
  var THOUSANDS = /^[-+]?[1-9][0-9]{0,2}(?:\.[0-9]{3})+$/;
  var NULLS = ["", "~", "null", "Null", "NULL"], TRUES = ["true", "True", "TRUE"], FALSES = ["false", "False", "FALSE"];
  var E = Y.EVENT_ID, PLAIN = Y.SCALAR_STYLE.PLAIN, FLOW = Y.COLLECTION_STYLE.FLOW;

  function YamlError(code, message, line, column) {
    this.code = code; this.message = message; this.line = line; this.column = column;
  }
  YamlError.prototype = Object.create(Error.prototype);
  YamlError.prototype.name = "YamlError";

  function resolvePlain(text) {  // loader.resolve_plain
    if (NULLS.indexOf(text) >= 0) return null;
    if (TRUES.indexOf(text) >= 0) return true;
    if (FALSES.indexOf(text) >= 0) return false;
    var c = text.charAt(0);
    if (/[0-9+-]/.test(c)) {
      if (THOUSANDS.test(text)) return text;  // "1.000": a thousand to an Indonesian reader; the schema says so
      if (INT.test(text)) return parseInt(text, 10);
      if (FLOAT.test(text)) return parseFloat(text);
    }
    return text;
  }

  function load(text) {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);  // a UTF-8 BOM is still UTF-8 (loader._decode)
    var starts = [0];
    for (var i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
    function pos(index) {  // 1-based line and column (in code points) of a UTF-16 index
      var lo = 0, hi = starts.length - 1;
      while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (starts[mid] <= index) lo = mid; else hi = mid - 1; }
      return [lo + 1, Array.from(text.slice(starts[lo], index)).length + 1];
    }
    function fail(code, message, index) {
      var p = index === undefined || index < 0 ? [null, null] : pos(index);
      throw new YamlError(code, message, p[0], p[1]);
    }
    var bad = FORBIDDEN.exec(text);
    if (bad) {
      fail("yaml-char", "Ada karakter tersembunyi U+" + bad[0].codePointAt(0).toString(16).toUpperCase().padStart(4, "0") +
        " di sini. Hapus karakter itu (biasanya terbawa saat menyalin dari dokumen atau situs lain) lalu ketik ulang teksnya.", bad.index);
    }
    var events;
    try { events = Y.parseEvents(text, {}); } catch (e) {
      var m = e.mark || {};
      var detail = String(e.reason || e.message || "").split("\n")[0].slice(0, 120);
      throw new YamlError("yaml-syntax", "Penulisan YAML tidak sah (" + detail + "). Periksa baris ini dan baris sebelumnya.",
        m.line !== undefined ? m.line + 1 : null, m.column !== undefined ? m.column + 1 : null);
    }
    // a frame: {container, isMap, key (pending) or null, seen keys, last plain int value, flow}
    var stack = [], rootValue, haveRoot = false, documents = 0, nodes = 0;
    for (var n = 0; n < events.length; n++) {
      var ev = events[n], start = ev.type === E.SCALAR ? ev.valueStart : ev.start;
      if (ev.type === E.DOCUMENT) {
        if (++documents > 1) fail("yaml-multi-document", "Berkas berisi lebih dari satu dokumen (ada pemisah '---' kedua). Satu berkas " +
          "hanya untuk satu dokumen: pindahkan sisanya ke berkas lain.", text.indexOf("---"));
        if (ev.directives && ev.directives.length) fail("yaml-directive", "Direktif YAML (%YAML atau %TAG) tidak didukung: hapus baris yang diawali '%'.", text.indexOf("%"));
        continue;
      }
      if (ev.type === E.POP) { if (stack.length) stack.pop(); continue; }
      if (ev.type === E.ALIAS) {
        fail("yaml-alias", "Alias YAML " + shown("*" + text.slice(ev.anchorStart, ev.anchorEnd), 40) + " tidak didukung: tulis nilainya secara " +
          "lengkap di sini.", ev.anchorStart - 1);
      }
      if (ev.anchorStart >= 0) {
        fail("yaml-anchor", "Anchor YAML " + shown("&" + text.slice(ev.anchorStart, ev.anchorEnd), 40) + " tidak didukung: tulis setiap nilai secara lengkap " +
          "agar peninjau membaca persis apa yang dinilai.", ev.anchorStart - 1);
      }
      if (ev.tagStart >= 0) {
        var tag = text.slice(ev.tagStart, ev.tagEnd);  // shown resolved, as libyaml reports it
        tag = tag.indexOf("!!") === 0 ? "tag:yaml.org,2002:" + tag.slice(2) : /^!<.*>$/.test(tag) ? tag.slice(2, -1) : tag;
        fail("yaml-tag", "Tag YAML " + shown(tag) + " tidak didukung: hapus tag itu. Bila nilai harus teks, " +
          "bungkus dengan tanda kutip.", ev.tagStart);
      }
      if (++nodes > MAX_NODES) fail("yaml-too-many-nodes", "Berkas berisi lebih dari " + MAX_NODES + " nilai. Pecah menjadi beberapa berkas.", start);
      var value, container = null, raw = null;
      if (ev.type === E.SCALAR) {
        raw = Y.getScalarValue(text, ev);
        if (ev.style === Y.SCALAR_STYLE.DOUBLE_QUOTED && FORBIDDEN.test(raw)) {
          fail("yaml-char", "Teks bertanda kutip ganda ini memuat kode karakter tersembunyi (misalnya \\u202e). " +
            "Hapus kode itu dan tulis teksnya biasa.", start - 1);
        }
        value = ev.style === PLAIN ? resolvePlain(raw) : raw;
      } else if (ev.type === E.MAPPING) value = container = {};
      else value = container = [];
      if (!stack.length) { rootValue = value; haveRoot = true; }
      else {
        var f = stack[stack.length - 1];
        if (f.isMap) {
          if (f.key === null) {  // this node is a key
            if (ev.type !== E.SCALAR) fail("yaml-complex-key", "Kunci harus berupa teks biasa, bukan daftar atau pemetaan.", start);
            var key = raw, last = f.last;
            if (f.flow && ev.style === PLAIN && /^[0-9]+$/.test(key) && last !== null && last.end + 1 === ev.valueStart) {
              // {nilai: 7,5}: the comma split a decimal into a value and a key
              fail("yaml-decimal-comma", "Angka " + last.text + "," + key + " ditulis dengan koma desimal; di dalam {...} koma memisahkan " +
                "isian. Tulis " + last.text + "." + key + " (titik sebagai pemisah desimal).", last.start);
            }
            if (key === "<<" && ev.style === PLAIN) fail("yaml-merge-key", "Merge key (<<) tidak didukung: tulis setiap kunci secara lengkap.", start);
            if (Object.prototype.hasOwnProperty.call(f.seen, key)) {
              fail("yaml-duplicate-key", "Kunci " + shown(key) + " ditulis dua kali dalam bagian yang sama (pertama kali di baris " + pos(f.seen[key])[0] + "). " +
                "Hanya satu yang boleh ada: hapus salah satunya agar tidak ada nilai yang diam-diam tertimpa.", start);
            }
            f.seen[key] = start;
            f.key = key;
            continue;
          }
          Object.defineProperty(f.container, f.key, { value: value, enumerable: true, writable: true, configurable: true });  // "__proto__" is a key like any other
          f.key = null;
          f.last = ev.type === E.SCALAR && ev.style === PLAIN && typeof value === "number" && Number.isInteger(value) && INT.test(raw)
            ? { end: ev.valueEnd, text: raw, start: start } : null;
        } else f.container.push(value);
      }
      if (container !== null) {
        if (stack.length >= MAX_DEPTH) fail("yaml-too-deep", "Susunan bertingkat lebih dari " + MAX_DEPTH + " lapis; model data tidak " +
          "sedalam itu. Periksa indentasi.", start);
        stack.push({ container: container, isMap: ev.type === E.MAPPING, key: null, seen: Object.create(null), last: null, flow: ev.style === FLOW });
      }
    }
    if (!haveRoot || rootValue === null) {
      throw new YamlError("yaml-empty", "Berkas kosong (atau hanya berisi komentar). Isi berkas sesuai contoh di panduan, atau hapus berkasnya.", 1, 1);
    }
    return rootValue;
  }

  var api = { load: load, resolvePlain: resolvePlain, YamlError: YamlError };
  if (typeof module === "object" && module.exports) module.exports = api; else root.KTYaml = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
