/* The target grammar of scripts/kinerja/model/target.py, ported line by line for the browser
   editor (and node, for the parity test tests/editor/test_target_parity.py). Same phrases, same
   readings, same Indonesian messages. Values are exact: a number is [numerator, 10^k] as BigInt. */
(function (root) {
  "use strict";
  var MAX_VALUE = 10n ** 15n;
  var MAX_UNIT = 40;
  var DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212";
  var SEP = "(?:-|s\\.?\\s?\\/?\\s?d\\.?|sampai(?:\\s+dengan)?|hingga)";
  var RANGE_SEP = new RegExp("^\\s*" + SEP + "\\s*(?=(?:rp\\.?\\s*)?\\d)", "iu");
  var UNIT_THEN_SEP = new RegExp("^(%|[^\\d\\s-][^\\d-]*?)\\s*" + SEP + "\\s*(?=(?:rp\\.?\\s*)?\\d)", "iu");
  var MULTIPLIER = { ribu: 10n ** 3n, juta: 10n ** 6n, miliar: 10n ** 9n, milyar: 10n ** 9n, triliun: 10n ** 12n };
  var MONEY_MULTIPLIER = { rb: 10n ** 3n, jt: 10n ** 6n, m: 10n ** 9n };
  var HIGHER = ["paling sedikit", "sekurang-kurangnya", "sekurangnya", "setidaknya", "setidak-tidaknya", "minimal", "minimum", "min.", "min", "≥", ">="];
  var LOWER = ["selambat-lambatnya", "paling lambat", "paling lama", "paling banyak", "tidak lebih dari", "maksimal", "maksimum", "maks.", "maks", "max", "≤", "<="];
  var STRICT = ["lebih dari", "kurang dari", ">", "<"];
  var LOWER_SUFFIX = /\s*\(?\s*(?:lebih kecil|makin kecil|semakin kecil)\s+(?:lebih|makin|semakin)\s+baik\s*\)?\s*$/iu;
  var MONTHS = /(?<![\p{L}\p{N}_])(januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|desember)(?![\p{L}\p{N}_])/iu;
  var WORD_NUMBERS = /^(satu|dua|tiga|empat|lima|enam|tujuh|delapan|sembilan|sepuluh|seratus|seribu|sejuta)(?![\p{L}\p{N}_])/iu;
  var EXAMPLES = "'1.000 dokumen', '90–100 %', 'minimal 95 %', 'paling lambat 7 hari' atau 'Rp 50.000.000'";

  function TargetError(message) { this.name = "TargetError"; this.message = message; }
  TargetError.prototype = Object.create(Error.prototype);

  function isAlpha(ch) { return /^\p{L}$/u.test(ch); }

  // [numerator, denominator] with denominator a power of ten
  function frac(n, d) { return [n, d]; }
  function cmp(a, b) { var x = a[0] * b[1], y = b[0] * a[1]; return x < y ? -1 : x > y ? 1 : 0; }
  function plain(v) {
    if (v[0] % v[1] === 0n) return Number(v[0] / v[1]);
    var d = v[1].toString().length - 1, s = v[0].toString().padStart(d + 1, "0");
    return parseFloat(s.slice(0, s.length - d) + "." + s.slice(s.length - d));
  }

  function number(text) {
    var t = text.trim();
    if (!/^\d[\d.,]*$/.test(t) || /[.,]$/.test(t)) throw new TargetError("“" + text + "” bukan angka.");
    if (t.indexOf(".") >= 0 && t.indexOf(",") >= 0) {
      throw new TargetError("angka “" + text + "” memakai titik dan koma sekaligus; tulis tanpa titik ribuan bila ada pecahan, misalnya " + t.split(".").join("") + ".");
    }
    if (t.indexOf(",") >= 0) {
      var i = t.indexOf(","), whole = t.slice(0, i), f = t.slice(i + 1);
      if (f.indexOf(",") >= 0) throw new TargetError("angka “" + text + "” memakai koma lebih dari sekali; tulis ribuan dengan titik, misalnya 1.000.000.");
      if (f.length === 3 && whole.replace(/^0+/, "")) {
        throw new TargetError("angka “" + text + "” dapat berarti " + whole + f + " (ribuan ala Inggris) atau " + whole + "," + f + " (pecahan); tulis " + whole + "." + f + " untuk ribuan, atau " + whole + "," + (f.replace(/0+$/, "") || "0") + " untuk pecahan.");
      }
      var den = 10n ** BigInt(f.length);
      return frac(BigInt(whole) * den + BigInt(f), den);
    }
    if (t.indexOf(".") >= 0) {
      var groups = t.split(".");
      var ok = groups[0].length >= 1 && groups[0].length <= 3 && groups.slice(1).every(function (g) { return g.length === 3; });
      if (!ok || groups[0].charAt(0) === "0") {
        throw new TargetError("angka “" + text + "”: pecahan ditulis dengan koma (" + t.replace(".", ",") + "); titik hanya untuk ribuan (1.000).");
      }
      return frac(BigInt(groups.join("")), 1n);
    }
    if (t.length > 1 && t.charAt(0) === "0") throw new TargetError("angka “" + text + "” diawali nol; tulis " + (t.replace(/^0+/, "") || "0") + ".");
    return frac(BigInt(t), 1n);
  }

  function prefix(text, words) {
    var low = text.toLowerCase();
    for (var i = 0; i < words.length; i++) {
      var w = words[i];
      if (low.startsWith(w) && (!isAlpha(w.charAt(w.length - 1)) || low.length === w.length || !isAlpha(low.charAt(w.length)))) {
        return [w, text.slice(w.length).trim()];
      }
    }
    return [null, text];
  }

  function amount(text, rupiah) {
    var m = /^(\d(?:[\d.,]*\d)?)\s*([\s\S]*)$/u.exec(text);
    if (!m) throw new TargetError("tidak ada angka");
    var value = number(m[1]), rest = m[2];
    var words = Object.assign({}, MULTIPLIER, rupiah ? MONEY_MULTIPLIER : {});
    var mult = /^([a-z]+)\b\.?\s*([\s\S]*)$/iu.exec(rest);
    if (mult && Object.prototype.hasOwnProperty.call(words, mult[1].toLowerCase())) {
      value = frac(value[0] * words[mult[1].toLowerCase()], value[1]);
      rest = mult[2];
    }
    return [value, rest.trim()];
  }

  function unitOf(text, rupiah) {
    var unit = text.replace(/\s+/gu, " ").trim();
    if (/^(?:persen|%)$/iu.test(unit)) unit = "%";
    else if (/^persen\b/iu.test(unit)) unit = "%" + unit.slice(6);
    if (rupiah) unit = unit && ["rupiah", "rp"].indexOf(unit.toLowerCase()) < 0 ? "rupiah " + unit : "rupiah";
    return unit;
  }

  function parse(text) {
    var original = text;
    var t = (text || "").trim().replace(/\s+/gu, " ");
    for (var i = 0; i < DASHES.length; i++) t = t.split(DASHES.charAt(i)).join("-");
    if (!t) throw new TargetError("target kosong. Tulis angka lalu satuan, misalnya " + EXAMPLES + ".");
    var lower = false;
    var m = LOWER_SUFFIX.exec(t);
    if (m) { lower = true; t = t.slice(0, m.index).trim(); }
    var strict = prefix(t, STRICT)[0];
    if (strict && !prefix(t, [">=", "<="])[0]) {
      var bound = (strict === "lebih dari" || strict === ">") ? "minimal" : "maksimal";
      throw new TargetError("target “" + original + "” memakai batas tanpa sama dengan (" + strict + "); tulis batas yang termasuk, misalnya '" + bound + " …' atau '" + (bound === "minimal" ? "≥" : "≤") + " …'.");
    }
    var p = prefix(t, HIGHER), word = p[0]; t = p[1];
    if (word === null) {
      p = prefix(t, LOWER); word = p[0]; t = p[1];
      if (word !== null) lower = true;
    }
    var rupiah = false;
    if (/^rp\.?\s*/iu.test(t)) { rupiah = true; t = t.replace(/^rp\.?\s*/iu, ""); }
    if (MONTHS.test(t) || /\d{1,2}[-/]\d{1,2}[-/]\d{2,4}/u.test(t)) {
      throw new TargetError("target “" + original + "” berupa tanggal; tulis lama waktu dengan angka dan satuan, misalnya 'paling lambat 10 hari kerja' atau '12 bulan'.");
    }
    if (WORD_NUMBERS.test(t)) throw new TargetError("target “" + original + "”: tulis angkanya dengan digit, misalnya '1 laporan' atau '100 %'.");
    if (t.charAt(0) === "-" || t.charAt(0) === "+") throw new TargetError("target “" + original + "”: target tidak boleh bertanda minus atau plus.");
    var a, rest;
    try { var r = amount(t, rupiah); a = r[0]; rest = r[1]; } catch (exc) {
      if (!(exc instanceof TargetError)) throw exc;
      if (exc.message === "tidak ada angka") throw new TargetError("target “" + original + "” tidak dapat dibaca. Tulis angka lalu satuan, misalnya " + EXAMPLES + ".");
      throw new TargetError("target “" + original + "”: " + exc.message);
    }
    var b = null, unitA = "";
    var sep = RANGE_SEP.exec(rest);
    if (sep === null) {
      var mm = UNIT_THEN_SEP.exec(rest);
      if (mm) { unitA = mm[1].trim(); rest = rest.slice(mm[0].length); sep = true; }
    } else {
      rest = rest.slice(sep[0].length);
    }
    if (sep !== null) {
      if (word !== null) throw new TargetError("target “" + original + "”: rentang tidak memakai '" + word + "'; tulis '90–100 %' saja.");
      if (rupiah) rest = rest.replace(/^rp\.?\s*/iu, "");
      try { var r2 = amount(rest, rupiah); b = r2[0]; rest = r2[1]; } catch (exc2) {
        if (!(exc2 instanceof TargetError)) throw exc2;
        throw new TargetError("target “" + original + "”: " + exc2.message);
      }
    }
    var unit = unitOf(rest, rupiah);
    if (unitA) {
      var ua = unitOf(unitA, rupiah);
      if (unit && ua !== unit) throw new TargetError("target “" + original + "”: satuan kedua angka berbeda (" + ua + " dan " + unit + "); tulis satu satuan, misalnya '90–100 %'.");
      unit = unit || ua;
    }
    if (!unit) throw new TargetError("target “" + original + "” belum bersatuan. Tulis satuannya, misalnya " + EXAMPLES + ".");
    if (Array.from(unit).length > MAX_UNIT) throw new TargetError("satuan target lebih dari " + MAX_UNIT + " karakter; pindahkan penjelasan ke uraian IKI.");
    if (/[\p{N}]/u.test(unit)) throw new TargetError("target “" + original + "”: ada angka lain di satuan (" + unit + "); tulis satu angka atau satu rentang.");
    [a, b].forEach(function (v) {
      if (v !== null && cmp(v, [MAX_VALUE, 1n]) > 0) throw new TargetError("angka target “" + original + "” terlalu besar.");
    });
    if (b !== null) {
      if (cmp(b, a) < 0) throw new TargetError("rentang target “" + original + "”: angka pertama harus lebih kecil dari angka kedua.");
      if (cmp(b, a) === 0) return { satuan: unit, nilai: plain(a), lower_is_better: lower };
      return { satuan: unit, min: plain(a), maks: plain(b), lower_is_better: lower };
    }
    return { satuan: unit, nilai: plain(a), lower_is_better: lower };
  }

  function asYaml(t) {
    var d = t.nilai !== undefined ? { nilai: t.nilai } : { min: t.min, maks: t.maks };
    d.satuan = t.satuan;
    return d;
  }

  function formatNumber(value) {
    if (Number.isInteger(value)) return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
    var text = String(value);
    if (/e/i.test(text)) text = value.toFixed(15).replace(/0+$/, "");
    var parts = text.split("."), whole = parts[0], f = parts[1] || "";
    if (f.length === 3) f += "0";
    return whole + "," + f;
  }

  function render(t) {
    var unit = t.satuan, joint = unit.startsWith("%") ? "" : " ";
    var body = t.nilai !== undefined ? formatNumber(t.nilai) + joint + unit : formatNumber(t.min) + "–" + formatNumber(t.maks) + joint + unit;
    if (unit.startsWith("rupiah")) {
      var amt = t.nilai !== undefined ? formatNumber(t.nilai) : formatNumber(t.min) + "–Rp " + formatNumber(t.maks);
      var rest = unit.slice("rupiah".length).trim();
      body = "Rp " + amt + (rest ? " " + rest : "");
    }
    if (!t.lower_is_better) return body;
    return t.nilai !== undefined ? "maksimal " + body : body + " (lebih kecil lebih baik)";
  }

  /* review/lineformat.number: a realisasi written the Indonesian way, or null for a sentence */
  function realisasiNumber(text) {
    if (!/^\d(?:[\d.,]*\d)?$/.test(text.trim())) return null;
    var v = number(text);
    if (cmp(v, [1000000000000n, 1n]) > 0) throw new TargetError("angka “" + text + "” terlalu besar.");
    return plain(v);
  }

  var api = { parse: parse, render: render, asYaml: asYaml, number: function (t) { return plain(number(t)); },
              realisasiNumber: realisasiNumber, formatNumber: formatNumber, TargetError: TargetError };
  if (typeof module === "object" && module.exports) module.exports = api; else root.KTTarget = api;
})(typeof globalThis !== "undefined" ? globalThis : this);
