/* The schema stage of `kinerja validate`, in the browser: the schemas of schemas/ through Ajv
   (JSON Schema 2020-12, patterns in ECMA-262 `u` mode), and the Indonesian messages from the
   table that publish/editor.py generates from model/schemas.translate. Also loaded by node for
   the parity test (tests/editor/test_schema_parity.py). */
(function (root) {
  "use strict";
  var BASE = "https://kinerja-terbuka.invalid/schemas/";
  var NIP_LIKE = /(?<![0-9])(?:[0-9]{8} [0-9]{6} [0-9] [0-9]{3}|[0-9]{16,})(?![0-9])/g;
  var DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  function isDate(value) {  // model/schemas.is_date
    if (typeof value !== "string" || !DATE.test(value)) return typeof value !== "string";
    var y = +value.slice(0, 4), m = +value.slice(5, 7), d = +value.slice(8, 10);
    if (y < 1 || m < 1 || m > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= days[m - 1];
  }

  function pyJson(value) {  // json.dumps(ensure_ascii=False): ", " and ": " separators
    if (value === null || value === undefined) return "null";
    if (Array.isArray(value)) return "[" + value.map(pyJson).join(", ") + "]";
    if (typeof value === "object") return "{" + Object.keys(value).map(function (k) { return JSON.stringify(k) + ": " + pyJson(value[k]); }).join(", ") + "}";
    if (typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value)) return String(value);
    if (typeof value === "number" && Number.isInteger(value) && Object.is(value, -0)) return "0";
    return JSON.stringify(value);
  }

  function oneLine(text) {
    var out = "";
    for (var ch of text) {
      var o = ch.codePointAt(0);
      if (ch === "\n") out += "\\n";
      else if (ch === "\r") out += "\\r";
      else if (ch === "\t") out += "\\t";
      else if (o < 0x20 || (o >= 0x7f && o < 0xa0) || o === 0x2028 || o === 0x2029 || (o >= 0x202a && o <= 0x202e) || (o >= 0x2066 && o <= 0x2069)) {
        out += "\\u" + o.toString(16).padStart(4, "0");
      } else out += ch;
    }
    return out;
  }

  function shown(value, limit) {  // findings.shown
    limit = limit || 60;
    var text = typeof value === "string" ? value : pyJson(value);
    text = Array.from(oneLine(text.replace(NIP_LIKE, "(disembunyikan)")));
    if (text.length > limit) text = text.slice(0, limit - 1).concat(["…"]);
    return "“" + text.join("") + "”";
  }

  function kindOf(value) {
    if (value === null || value === undefined) return "kosong";
    if (typeof value === "boolean") return "benar_salah";
    if (typeof value === "number") return "angka";
    if (typeof value === "string") return "teks";
    if (Array.isArray(value)) return "daftar";
    return "bagian";
  }

  /* model/schemas.number_text_hint, from the same table (NUMBER_TEXT_HINTS) */
  function numberTextHint(t, value) {
    var text = value.trim();
    for (var i = 0; i < t.petunjuk_angka.length; i++) {
      var row = t.petunjuk_angka[i];
      if (new RegExp("^(?:" + row[0] + ")$", row[1]).test(text)) {
        var subs = { teks: text, tanpa_titik: text.replace(/\./g, ""), depan: text.split(".")[0], titik: text.replace(/,/g, ".") };
        return row[2].replace(/\{(teks|tanpa_titik|depan|titik)\}/g, function (m, k) { return subs[k]; });
      }
    }
    return t.petunjuk_angka_bawaan;
  }

  /* model/schemas._day_first_date */
  function dayFirstDate(t, e, value) {
    if (typeof value !== "string" || value === "(disembunyikan)") return null;
    var isDate = (e.keyword === "format" && e.schema === "date") || (e.keyword === "pattern" && String(e.schema).indexOf(t.tanggal_pola_awal) === 0);
    var m = isDate ? new RegExp("^(?:" + t.tanggal_hbt_pola + ")$").exec(value.trim()) : null;
    if (!m) return null;
    var iso = m.groups.y + "-" + String(+m.groups.m).padStart(2, "0") + "-" + String(+m.groups.d).padStart(2, "0");
    return fill(t.tanggal_hbt, { v: shown(value), iso: iso });
  }

  function fill(template, values) {
    return template.replace(/\{(v|k|n|len|pilihan|pesan|c|iso)\}/g, function (m, key) { return values[key] !== undefined ? values[key] : m; });
  }

  function allowedKeys(schema) {  // model/schemas._allowed_keys
    var props = schema.properties || {}, keys = {};
    Object.keys(props).forEach(function (k) { keys[k] = true; });
    (schema.allOf || []).forEach(function (sub) {
      [sub.then || {}, sub.else || {}].forEach(function (br) { Object.keys(br.properties || {}).forEach(function (k) { keys[k] = true; }); });
    });
    return Object.keys(keys).filter(function (k) {
      var p = props[k];
      return !(p && typeof p === "object" && "not" in p && p.not && typeof p.not === "object" && Object.keys(p.not).length === 0);
    }).sort();
  }

  /* difflib.get_close_matches(word, choices, n=1, cutoff=0.6) of Python, for "did you mean" */
  function matched(a, b) {
    var b2j = {};
    for (var j = 0; j < b.length; j++) (b2j[b[j]] = b2j[b[j]] || []).push(j);
    function longest(alo, ahi, blo, bhi) {
      var besti = alo, bestj = blo, bestsize = 0, j2len = {};
      for (var i = alo; i < ahi; i++) {
        var newj2len = {};
        (b2j[a[i]] || []).forEach(function (j) {
          if (j < blo || j >= bhi) return;
          var k = newj2len[j] = (j2len[j - 1] || 0) + 1;
          if (k > bestsize) { besti = i - k + 1; bestj = j - k + 1; bestsize = k; }
        });
        j2len = newj2len;
      }
      return [besti, bestj, bestsize];
    }
    var total = 0, queue = [[0, a.length, 0, b.length]];
    while (queue.length) {
      var q = queue.pop(), m = longest(q[0], q[1], q[2], q[3]);
      if (m[2]) {
        total += m[2];
        if (q[0] < m[0] && q[2] < m[1]) queue.push([q[0], m[0], q[2], m[1]]);
        if (m[0] + m[2] < q[1] && m[1] + m[2] < q[3]) queue.push([m[0] + m[2], q[1], m[1] + m[2], q[3]]);
      }
    }
    return total;
  }
  function closest(word, choices) {
    var best = null;
    choices.forEach(function (x) {
      var a = Array.from(x), b = Array.from(word);
      var r = a.length + b.length ? 2 * matched(a, b) / (a.length + b.length) : 1;
      if (r >= 0.6 && (best === null || r > best[0] || (r === best[0] && x > best[1]))) best = [r, x];
    });
    return best ? best[1] : null;
  }
  function typos(schema, value) {  // model/schemas._typos
    var props = schema && schema.properties, out = {};
    if (!value || typeof value !== "object" || Array.isArray(value) || !props || schema.additionalProperties !== false) return out;
    var allowed = allowedKeys(schema), required = schema.required || [];
    Object.keys(value).forEach(function (key) {
      if (key in props) return;
      var c = closest(key, allowed);
      if (c !== null && required.indexOf(c) >= 0 && !(c in value)) out[c] = true;
    });
    return out;
  }

  function pathOf(pointer) {
    return pointer ? pointer.split("/").slice(1).map(function (p) { return p.replace(/~1/g, "/").replace(/~0/g, "~"); }) : [];
  }

  function normalise(text) {  // model/schemas._normalise
    return text.trim().toLowerCase().replace(/[\s\-/]+/g, "_");
  }

  function Checker(schemas, table, synonyms) {
    this.synonyms = synonyms || {};
    var Ajv = root.KTVendor ? root.KTVendor.Ajv2020 : require("ajv/dist/2020").default;
    this.ajv = new Ajv({ allErrors: true, verbose: true, strict: false, unicodeRegExp: true, validateFormats: true });
    this.ajv.addFormat("date", { type: "string", validate: isDate });
    var self = this;
    Object.keys(schemas).forEach(function (name) {
      var s = Object.assign({}, schemas[name], { $id: BASE + name });
      self.ajv.addSchema(s);
    });
    this.table = table;
  }

  Checker.prototype.translate = function (e, all) {
    var t = this.table, value = e.data, path = pathOf(e.instancePath), ps = e.parentSchema || {};
    if (path.some(function (p) { return p === "nip" || p === "sidik_nip"; })) value = "(disembunyikan)";
    var custom = (e.keyword === "pattern" && ps.patternErrorMessage) || ps.errorMessage;
    var v = shown(value);
    var dayFirst = dayFirstDate(t, e, value);
    if (dayFirst !== null) return [[path, dayFirst]];  // the pattern and the format both refuse it: one message
    switch (e.keyword) {
      case "additionalProperties":
        var close = closest(e.params.additionalProperty, allowedKeys(ps));
        return [[path.concat([e.params.additionalProperty]), fill(close !== null ? t.additionalProperties_close : t.additionalProperties,
          { v: shown(e.params.additionalProperty), k: close, pilihan: allowedKeys(ps).slice(0, 12).join(", ") })]];
      case "required":
        if (typos(ps, value)[e.params.missingProperty]) return [];  // reported once, as the misspelt key
        return [[path, fill(t.required, { k: e.params.missingProperty })]];
      case "not":
        return custom ? [[path, custom]] : [];
      case "enum":
        if (custom) return [[path, fill(t.enum_custom, { pesan: custom, v: v })]];
        if (typeof value === "string") {  // another spelling or a synonym (model/schemas.translate)
          var norm = normalise(value), canonical = null, syn = this.synonyms;
          e.schema.forEach(function (a) { if (typeof a === "string" && normalise(a) === norm) canonical = a; });
          if (canonical === null && Object.prototype.hasOwnProperty.call(syn, norm)) {
            syn[norm].forEach(function (c) { if (e.schema.indexOf(c) >= 0) canonical = c; });
          }
          if (canonical !== null) return [[path, fill(t.enum_synonym, { v: v, k: canonical })]];
        }
        var near = typeof value === "string" ? closest(value, e.schema.filter(function (a) { return typeof a === "string"; })) : null;
        if (near !== null) return [[path, fill(t.enum_close, { v: v, k: near })]];
        return [[path, fill(t.enum, { v: v, pilihan: e.schema.slice(0, 20).map(function (a) { return typeof a === "string" ? a : pyJson(a); }).join(", ") })]];
      case "if": return [];
      case "anyOf": case "oneOf": return this.choice(e, all);
    }
    if (custom) return [[path, custom]];
    switch (e.keyword) {
      case "type":
        var exp = Array.isArray(e.schema) ? e.schema : [e.schema];
        var key = exp.length === 1 ? exp[0] + ":" + kindOf(value) : null;
        if (key && t.type[key]) {
          var msg = fill(t.type[key], { v: v });
          if (typeof value === "string" && value !== "(disembunyikan)" && (exp[0] === "number" || exp[0] === "integer")) {
            msg = msg.slice(0, msg.length - t.petunjuk_angka_bawaan.length) + numberTextHint(t, value);
          }
          return [[path, msg]];
        }
        return [[path, "Harus berupa " + exp.join(" atau ") + ", tetapi tertulis " + v + "."]];
      case "const": return [[path, fill(t.const, { c: shown(e.schema), v: v })]];
      case "pattern": return [[path, fill(t.pattern, { v: v })]];
      case "format": return [[path, fill(t.format_date, { v: v })]];
      case "minLength": return [[path, t.minLength]];
      case "maxLength": return [[path, fill(t.maxLength, { len: Array.from(value).length, n: e.schema })]];
      case "minItems": return [[path, fill(t.minItems, { n: e.schema })]];
      case "maxItems": return [[path, fill(t.maxItems, { n: e.schema, len: value.length })]];
      case "minimum": case "exclusiveMinimum": return [[path, fill(t.minimum, { v: v, n: e.schema })]];
      case "maximum": case "exclusiveMaximum": return [[path, fill(t.maximum, { v: v, n: e.schema })]];
      case "uniqueItems": return [[path, t.uniqueItems]];
      case "false schema": return [[path, t.false]];
    }
    return [[path, "Isian tidak sah: " + (e.message || "").slice(0, 200)]];
  };

  /* anyOf/oneOf: the branch that got furthest is what the writer meant (model/schemas._choice) */
  Checker.prototype.choice = function (e, all) {
    var prefix = e.schemaPath + "/", depth = pathOf(e.instancePath).length, best = null;
    var subs = e.ktSubs || [];
    subs.forEach(function (x) { if (best === null || pathOf(x.instancePath).length > pathOf(best.instancePath).length) best = x; });
    if (best !== null && pathOf(best.instancePath).length > depth) return this.translate(best, all);
    var branches = e.schema || [];
    for (var i = 0; i < branches.length; i++) {
      if (branches[i] && branches[i].errorMessage && subs.some(function (x) { return x.schemaPath.indexOf(prefix + i + "/") === 0; })) {
        return [[pathOf(e.instancePath), branches[i].errorMessage]];
      }
    }
    return [[pathOf(e.instancePath), fill(this.table.choice, { v: shown(e.data) })]];
  };

  /* [{path: [...], pointer, message}] for `data` against schemas/<name>; [] when valid */
  Checker.prototype.check = function (name, data) {
    var validate = this.ajv.getSchema(BASE + name);
    if (validate(data)) return [];
    var all = validate.errors, self = this, seen = {}, out = [], inside = new Set();
    // errors inside an anyOf/oneOf branch are reported through the choice, never on their own.
    // Ajv reports a failed choice after its branches' errors, which come just before it; an
    // error in a $ref'd schema has that schema's path, so they are found by position and place.
    all.forEach(function (e, i) {
      if (e.keyword !== "anyOf" && e.keyword !== "oneOf") return;
      var where = e.instancePath, subs = [];
      for (var j = i - 1; j >= 0; j--) {
        var x = all[j];
        if (!(x.instancePath === where || x.instancePath.indexOf(where + "/") === 0) || (x.keyword === "if")) break;
        subs.unshift(x);
        inside.add(x);
      }
      e.ktSubs = subs;
    });
    all.forEach(function (e) {
      if (inside.has(e)) return;
      self.translate(e, all).forEach(function (pm) {
        var pointer = pm[0].map(function (p) { return "/" + String(p).replace(/~/g, "~0").replace(/\//g, "~1"); }).join("");
        var k = pointer + "\u0000" + pm[1];
        if (seen[k]) return;
        seen[k] = true;
        out.push({ path: pm[0], pointer: pointer, message: pm[1] });
      });
    });
    return out;
  };

  var api = { Checker: Checker, shown: shown, isDate: isDate };
  if (typeof module === "object" && module.exports) module.exports = api; else root.KTCheck = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
