/* Kinerja Terbuka's editor: "Isi SKP", "Laporkan realisasi", "Beri penilaian". Runs in the
   browser only, on public data (editor/data.json) and on files the user pastes; it sends
   nothing anywhere: on submit it opens the repository's issue form with the fields filled
   (or, above the URL ceiling, gives the text to copy or download). All text is set with
   textContent / value, never as HTML. */
(function () {
  "use strict";
  var D, C, root, mode, live;
  var CI_ONLY = "Yang hanya diperiksa CI setelah Anda mengirim: penugasan dan pejabat penilai menurut data organisasi, " +
    "tautan ke RHK atasan pada rencana terbaru, tenggat, hak ubah dan persetujuan, dan pemeriksaan antarberkas lainnya. " +
    "Balasan otomatis di isu GitHub Anda menyebut bila ada yang perlu diperbaiki.";
  var uid = 0;

  function h(tag, attrs, kids) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") e.textContent = v;
      else if (k === "on") Object.keys(v).forEach(function (ev) { e.addEventListener(ev, v[ev]); });
      else e.setAttribute(k, v === true ? "" : v);
    });
    (kids || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  /* a labelled control with its hint and its error text, linked by aria-describedby */
  function field(label, control, hint) {
    var id = control.id || ("kt-f" + (++uid));
    control.id = id;
    var hintEl = hint ? h("p", { id: id + "-petunjuk", class: "kt-petunjuk", text: hint }) : null;
    var err = h("p", { id: id + "-galat", class: "kt-galat", hidden: true });
    control.setAttribute("aria-describedby", (hint ? id + "-petunjuk " : "") + id + "-galat");
    return h("div", { class: "kt-isian" }, [h("label", { for: id, text: label }), hintEl, control, err]);
  }
  function input(id, attrs) { return h("input", Object.assign({ id: id, type: "text", autocomplete: "off" }, attrs || {})); }
  function select(id, options, value) {
    var s = h("select", { id: id });
    options.forEach(function (o) { var op = h("option", { value: o[0], text: o[1] }); if (o[0] === value) op.selected = true; s.appendChild(op); });
    return s;
  }
  function radios(name, legend, options, value) {
    var fs = h("fieldset", { class: "kt-pilihan" }, [h("legend", { text: legend })]);
    options.forEach(function (o, i) {
      var id = name + "-" + i, r = h("input", { type: "radio", name: name, id: id, value: o[0] });
      if (o[0] === value) r.checked = true;
      fs.appendChild(h("div", {}, [r, h("label", { for: id, text: o[1] })]));
    });
    return fs;
  }
  function val(id) { var e = document.getElementById(id); return e ? e.value.trim() : ""; }
  function checked(name) { var e = root.querySelector("input[name='" + name + "']:checked"); return e ? e.value : ""; }

  var errors = [], hiddenErrors = 0, touched = {}, submitted = false;
  function setError(id, message) {
    var e = document.getElementById(id), g = document.getElementById(id + "-galat");
    if (!e || !g) { errors.push(message); return; }
    // a field the user has not reached yet is not shouted at; sending shows everything
    if (!submitted && !touched[id]) { hiddenErrors++; return; }
    if (g.hidden) { g.hidden = false; g.textContent = message; } else if (g.textContent.indexOf(message) < 0) g.textContent += " " + message;
    e.setAttribute("aria-invalid", "true");
    errors.push(message);
  }
  function clearErrors() {
    errors = []; hiddenErrors = 0;
    root.querySelectorAll(".kt-galat").forEach(function (g) { g.hidden = true; g.textContent = ""; });
    root.querySelectorAll("[aria-invalid]").forEach(function (e) { e.removeAttribute("aria-invalid"); });
  }
  function summary(extra) {
    var n = errors.length;
    live.textContent = n ? n + " isian perlu diperbaiki. " + errors.slice(0, 3).join(" ") : (extra || "Belum ada kesalahan yang terlihat.");
    live.className = n ? "kt-ringkasan kt-ada-galat" : "kt-ringkasan";
  }
  function noBar(id, text) { if (text.indexOf("|") >= 0) setError(id, "Tanda | tidak boleh dipakai: formulir memakainya sebagai pemisah kolom."); }
  function schemaErrors(name, doc, idOf) {
    C.check(name, doc).forEach(function (e) { setError(idOf(e.path) || "", e.message); });
  }

  /* ---- submitting: the issue form's URL, or the text to copy ---------------------------------- */
  function submitArea(key, collect) {
    var out = h("div", { class: "kt-kirim", id: "kt-kirim" });
    var button = h("button", { type: "button", class: "md-button md-button--primary", id: "kt-kirim-tombol", text: "Kirim ke GitHub" });
    button.addEventListener("click", function () {
      submitted = true;
      var fields = collect();
      if (fields === null) { summary(); live.focus(); return; }
      var form = D.formulir[key];
      out.textContent = "";
      var url = null;
      if (D.repositori && form) {
        url = D.repositori + "/issues/new?template=" + encodeURIComponent(form.template);
        fields.forEach(function (f) { if (f[1]) url += "&" + encodeURIComponent(f[0]) + "=" + encodeURIComponent(f[1]); });
      }
      if (url && new TextEncoder().encode(url).length <= D.batas_url) { window.location.assign(url); return; }
      var labels = {};
      (form ? form.fields : []).forEach(function (f) { labels[f.id] = f.label; });
      var text = fields.map(function (f) { return "### " + (labels[f[0]] || f[0]) + "\n\n" + (f[1] || "_No response_"); }).join("\n\n") + "\n";
      var area = h("textarea", { id: "kt-teks", readonly: true, rows: 12 });
      area.value = text;
      out.appendChild(h("p", { text: url ? "Isian terlalu panjang untuk dibuka langsung (lebih dari " + D.batas_url + " byte). Salin atau unduh teksnya, buka formulir kosong, lalu tempel setiap bagian ke isian yang judulnya sama."
        : "Alamat repositori belum diatur di data instansi (repositori). Salin atau unduh teksnya dan kirim lewat formulir isu di repositori Anda." }));
      out.appendChild(field("Teks isian", area));
      var copy = h("button", { type: "button", class: "md-button", text: "Salin teks" });
      copy.addEventListener("click", function () { area.select(); if (navigator.clipboard) navigator.clipboard.writeText(text); });
      var blob = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
      out.appendChild(h("p", {}, [copy, " ", h("a", { href: blob, download: key + ".md", class: "md-button", text: "Unduh teks" })]));
      if (D.repositori && form) out.appendChild(h("p", {}, [h("a", { href: D.repositori + "/issues/new?template=" + encodeURIComponent(form.template), text: "Buka formulir kosong di GitHub" })]));
    });
    return h("section", { class: "kt-bagian" }, [h("h2", { text: "Kirim" }), h("p", { class: "kt-petunjuk", text: CI_ONLY }), button, out]);
  }

  /* ---- Isi SKP ------------------------------------------------------------------------------ */
  function unitById(id) { return D.unit.filter(function (u) { return u.id === id; })[0]; }
  function chain(unitId) { var out = [], u = unitById(unitId); while (u) { out.push(u.id); u = u.induk ? unitById(u.induk) : null; } return out; }

  function skp() {
    var years = D.tahun.slice().sort(), year0 = String(years[years.length - 1]);
    var pds = D.unit.filter(function (u) { return u.is_pd; });
    var rhk = [];
    var form = h("form", { class: "kt-editor", novalidate: true, on: { submit: function (e) { e.preventDefault(); } } });
    var yearSel = select("kt-tahun", years.map(function (y) { return [String(y), String(y)]; }), year0);
    var pdSel = select("kt-pd", [["", "— pilih perangkat daerah —"]].concat(pds.map(function (u) { return [u.id, u.nama]; })), "");
    var unitSel = select("kt-unit", [["", "— pilih perangkat daerah dulu —"]], "");
    var headBox = h("input", { type: "checkbox", id: "kt-kepala-pd" });
    var bossSel = select("kt-atasan", [["", "— pilih unit dulu —"]], "");
    form.appendChild(h("section", { class: "kt-bagian" }, [
      h("h2", { text: "Rencana" }),
      field("Tahun kinerja", yearSel),
      field("Perangkat daerah", pdSel),
      field("Unit kerja", unitSel, "Unit tempat Anda bertugas."),
      h("div", { class: "kt-isian kt-centang" }, [headBox, h("label", { for: "kt-kepala-pd", text: "Saya kepala perangkat daerah / JPT (RHK saya menautkan sasaran organisasi dan memilih perspektif)" })]),
      field("Jabatan pejabat penilai (atasan)", bossSel, "RHK Anda mendukung RHK atasan ini. Daftar ini dari kaskade publik di situs."),
      radios("kt-pendekatan", "Pendekatan", [["kuantitatif", "Kuantitatif (target angka)"], ["kualitatif", "Kualitatif (target berupa kalimat)"]], "kuantitatif"),
      radios("kt-status", "Minta persetujuan sekarang?", [["draf", "Belum, simpan sebagai draf"], ["disetujui", "Ya, minta persetujuan pejabat penilai"]], "draf"),
      field("Tanggal mulai rencana (boleh kosong)", input("kt-mulai", { type: "date" }), "Kosongkan bila rencana berlaku sejak 1 Januari atau sejak awal penugasan; isi hanya untuk rencana kedua dalam setahun (pindah jabatan)."),
    ]));
    function fillUnits() {
      unitSel.textContent = "";
      unitSel.appendChild(h("option", { value: "", text: "— pilih unit —" }));
      D.unit.filter(function (u) { return u.pd === pdSel.value; }).forEach(function (u) { unitSel.appendChild(h("option", { value: u.id, text: u.nama })); });
      fillBosses();
    }
    function fillBosses() {
      bossSel.textContent = "";
      var units = chain(unitSel.value);
      var inUnits = D.rencana.filter(function (p) { return units.indexOf(p.unit) >= 0 && p.tahun <= +yearSel.value; });
      // the supervisor's plan of the chosen year, else of the latest earlier year (her new plan may come later)
      var shownYear = Math.max.apply(null, [0].concat(inUnits.map(function (p) { return p.tahun; })));
      var plans = inUnits.filter(function (p) { return p.tahun === shownYear; });
      var note = document.getElementById("kt-atasan-petunjuk");
      note.textContent = "RHK Anda mendukung RHK atasan ini. Daftar ini dari kaskade publik di situs." +
        (plans.length && shownYear !== +yearSel.value ? " Rencana atasan tahun " + yearSel.value + " belum diterbitkan; yang tampil rencana tahun " + shownYear + ". Rencana Anda boleh diajukan sebagai draf dulu." : "");
      bossSel.appendChild(h("option", { value: "", text: plans.length ? "— pilih jabatan atasan —" : "— tidak ada rencana atasan yang diterbitkan untuk pilihan ini —" }));
      plans.forEach(function (p) { bossSel.appendChild(h("option", { value: p.kode, text: p.pemegang + " — " + (unitById(p.unit) || {}).nama + (p.status === "draf" ? " (draf)" : "") })); });
      rhk.forEach(function (r) { r.fillParent(); });
    }
    pdSel.addEventListener("change", fillUnits);
    unitSel.addEventListener("change", fillBosses);
    yearSel.addEventListener("change", fillBosses);
    headBox.addEventListener("change", function () { rhk.forEach(function (r) { r.fillParent(); r.showPerspektif(); }); });

    var list = h("div", { id: "kt-daftar-rhk" });
    function addRhk() {
      var n = rhk.length, p = "kt-rhk-" + n, ikis = [];
      var fs = h("fieldset", { class: "kt-rhk", id: p }, [h("legend", { text: "RHK " + (n + 1) })]);
      var parentSel = select(p + "-atasan", [["", "—"]], "");
      var persp = field("Perspektif", select(p + "-perspektif", [["", "— pilih perspektif —"]].concat(Object.keys(D.pilihan.perspektif).map(function (k) { return [k, D.pilihan.perspektif[k]]; })), ""));
      fs.appendChild(field("Jenis RHK", select(p + "-jenis", [["utama", "Utama"], ["tambahan", "Tambahan"]], "utama")));
      fs.appendChild(field("Uraian RHK", input(p + "-uraian"), "Rumuskan sebagai hasil, misalnya 'Meningkatnya cakupan imunisasi dasar lengkap di wilayah kerja'."));
      fs.appendChild(field("RHK atasan yang didukung", parentSel));
      fs.appendChild(persp);
      var ikiList = h("div", {});
      fs.appendChild(ikiList);
      var r = { prefix: p, ikis: ikis };
      r.fillParent = function () {
        var keep = parentSel.value;
        parentSel.textContent = "";
        if (headBox.checked) {
          var goals = D.sasaran.filter(function (g) { return g.unit === pdSel.value && String(g.tahun) === yearSel.value; });
          parentSel.appendChild(h("option", { value: "", text: goals.length ? "— pilih sasaran organisasi —" : "— belum ada sasaran yang diterbitkan —" }));
          goals.forEach(function (g) { parentSel.appendChild(h("option", { value: g.id, text: g.uraian })); });
        } else {
          var plan = D.rencana.filter(function (x) { return x.kode === bossSel.value; })[0];
          parentSel.appendChild(h("option", { value: "", text: plan ? "— pilih RHK atasan —" : "— pilih jabatan atasan dulu —" }));
          (plan ? plan.rhk : []).forEach(function (x) { parentSel.appendChild(h("option", { value: plan.kode + "@" + D.commit + "/" + x.id, text: x.uraian })); });
        }
        parentSel.value = keep;
      };
      r.showPerspektif = function () { persp.hidden = !headBox.checked; };
      r.addIki = function () {
        var m = ikis.length, q = p + "-iki-" + m;
        var target = input(q + "-target", { inputmode: "text" });
        var reading = h("p", { id: q + "-target-baca", class: "kt-baca", "aria-live": "polite" });
        var row = h("fieldset", { class: "kt-iki" }, [h("legend", { text: "IKI " + (n + 1) + "." + (m + 1) }),
          field("Aspek", select(q + "-aspek", D.pilihan.aspek.map(function (a) { return [a, a.charAt(0).toUpperCase() + a.slice(1)]; }), "kuantitas")),
          field("Uraian IKI (ukuran keberhasilan)", input(q + "-uraian")),
          field("Target", target, "Angka dan satuan: '12 laporan', rentang '90–100 %', 'minimal 95 %', 'paling lambat 7 hari' (lebih kecil lebih baik), 'Rp 50.000.000'. Pecahan dengan koma: 7,5."),
          reading]);
        ikis.push(q);
        ikiList.appendChild(row);
      };
      var addIki = h("button", { type: "button", class: "md-button", text: "Tambah IKI untuk RHK " + (n + 1) });
      addIki.addEventListener("click", function () { r.addIki(); check(); });
      fs.appendChild(addIki);
      r.addIki();
      r.fillParent();
      r.showPerspektif();
      rhk.push(r);
      list.appendChild(fs);
    }
    var addRhkBtn = h("button", { type: "button", class: "md-button", id: "kt-tambah-rhk", text: "Tambah RHK" });
    addRhkBtn.addEventListener("click", function () { addRhk(); check(); });
    form.appendChild(h("section", { class: "kt-bagian" }, [h("h2", { text: "Rencana Hasil Kerja dan indikatornya" }), list, addRhkBtn]));
    addRhk();

    var beh = h("section", { class: "kt-bagian" }, [h("h2", { text: "Perilaku kerja (BerAKHLAK)" }), h("p", { class: "kt-petunjuk", text: "Boleh kosong: isi hanya ekspektasi khusus pimpinan." })]);
    Object.keys(D.pilihan.berakhlak).forEach(function (k) { beh.appendChild(field(D.pilihan.berakhlak[k], input("kt-perilaku-" + k))); });
    form.appendChild(beh);
    // the SKP form has one textarea per lampiran list, its id the YAML key (one item per line)
    var hasLampiran = !!D.formulir.skp && Object.keys(D.pilihan.lampiran).every(function (k) {
      return D.formulir.skp.fields.some(function (f) { return f.id === k; });
    });
    if (hasLampiran) {
      var lam = h("section", { class: "kt-bagian" }, [h("h2", { text: "Lampiran SKP" }), h("p", { class: "kt-petunjuk", text: "Satu butir per baris. Boleh kosong." })]);
      Object.keys(D.pilihan.lampiran).forEach(function (k) { lam.appendChild(field(D.pilihan.lampiran[k], h("textarea", { id: "kt-lampiran-" + k, rows: 3 }))); });
      form.appendChild(lam);
    }
    form.appendChild(h("section", { class: "kt-bagian" }, [h("h2", { text: "Catatan" }), field("Catatan untuk pejabat penilai (tidak dipublikasikan)", h("textarea", { id: "kt-catatan", rows: 3 }))]));

    function collect(forCheck) {
      clearErrors();
      var kual = checked("kt-pendekatan") === "kualitatif";
      if (!unitSel.value) setError("kt-unit", "Pilih unit kerja Anda.");
      var items = [], lines = [], ikiLines = [];
      rhk.forEach(function (r, i) {
        var p = r.prefix, id = "rhk-" + (i + 1), uraian = val(p + "-uraian"), link = val(p + "-atasan"), persp = val(p + "-perspektif");
        noBar(p + "-uraian", uraian);
        if (!link) setError(p + "-atasan", headBox.checked ? "Pilih sasaran organisasi yang didukung RHK ini." : "Pilih RHK atasan yang didukung RHK ini.");
        if (link && !headBox.checked && !D.commit) setError(p + "-atasan", "Situs ini dibangun tanpa riwayat git, jadi tautan ke RHK atasan tidak dapat dibuat. Hubungi admin.");
        var item = { id: id, jenis: val(p + "-jenis"), uraian: uraian, indikator: [] };
        if (link) { if (headBox.checked) item.sasaran = link; else item.intervensi = "atasan/" + link.split("/").pop(); }
        if (headBox.checked && persp) item.perspektif = persp;
        lines.push([id, item.jenis, uraian, link || "-"].concat(headBox.checked && persp ? [persp] : []).join(" | "));
        r.ikis.forEach(function (q, j) {
          var iid = "iki-" + (j + 1), aspek = val(q + "-aspek"), iu = val(q + "-uraian"), tt = val(q + "-target");
          noBar(q + "-uraian", iu); noBar(q + "-target", tt);
          var iki = { id: iid, aspek: aspek, uraian: iu }, reading = document.getElementById(q + "-target-baca");
          reading.textContent = "";
          if (kual) { iki.target = tt; } else {
            try {
              var t = KTTarget.parse(tt);
              iki.target = KTTarget.asYaml(t);
              if (t.lower_is_better) iki.lebih_kecil_lebih_baik = true;
              reading.textContent = "Dibaca: " + KTTarget.render(t) + (t.min !== undefined ? " (rentang)" : "") + (t.lower_is_better ? " — lebih kecil lebih baik" : "");
            } catch (e) { if (!(e instanceof KTTarget.TargetError)) throw e; setError(q + "-target", e.message.charAt(0).toUpperCase() + e.message.slice(1)); iki.target = { nilai: 0, satuan: "-" }; }
          }
          item.indikator.push(iki);
          ikiLines.push([id, iid, aspek, iu, tt].join(" | "));
        });
        items.push(item);
      });
      var perilaku = {}, behLines = [];
      Object.keys(D.pilihan.berakhlak).forEach(function (k) {
        var t = val("kt-perilaku-" + k);
        if (t) { noBar("kt-perilaku-" + k, t); perilaku[k] = { ekspektasi_khusus: t }; behLines.push(k + " | " + t); }
      });
      var y = +yearSel.value, mulai = val("kt-mulai");
      var doc = { versi_format: 1, pegawai: "pegawai-anda", tahun: y, periode: { mulai: mulai || y + "-01-01", selesai: y + "-12-31" },
                  unit: unitSel.value || "unit", status: checked("kt-status"), pendekatan: kual ? "kualitatif" : "kuantitatif", hasil_kerja: items };
      if (Object.keys(perilaku).length) doc.perilaku_kerja = perilaku;
      var lampiran = {}, lamFields = [];
      if (hasLampiran) Object.keys(D.pilihan.lampiran).forEach(function (k) {
        var e = document.getElementById("kt-lampiran-" + k), rows = e.value.split("\n").map(function (s) { return s.replace(/^\s*[-*•]\s+/, "").trim(); }).filter(Boolean);
        lamFields.push([k, rows.join("\n")]);
        if (rows.length) lampiran[k] = rows;
      });
      if (Object.keys(lampiran).length) doc.lampiran = lampiran;
      if (val("kt-catatan")) doc.catatan = val("kt-catatan");
      schemaErrors("plan.schema.json", doc, function (path) {
        if (path[0] === "hasil_kerja" && path.length >= 3) {
          var p = "kt-rhk-" + path[1];
          if (path[2] === "indikator" && path.length >= 5) return p + "-iki-" + path[3] + "-" + (path[4] === "target" ? "target" : path[4]);
          return p + "-" + ({ intervensi: "atasan", sasaran: "atasan" }[path[2]] || path[2]);
        }
        if (path[0] === "perilaku_kerja" && path[1]) return "kt-perilaku-" + path[1];
        if (path[0] === "catatan") return "kt-catatan";
        if (path[0] === "periode") return "kt-mulai";
        if (path[0] === "lampiran" && path[1]) return "kt-lampiran-" + path[1];
        return null;
      });
      summary();
      if (errors.length) return null;
      var statusText = checked("kt-status") === "disetujui" ? "Ya, minta persetujuan pejabat penilai (disetujui)" : "Belum, simpan sebagai draf";
      return [["tahun", yearSel.value], ["mulai", mulai], ["pendekatan", doc.pendekatan], ["status", statusText],
              ["rhk", lines.join("\n")], ["iki", ikiLines.join("\n")], ["perilaku", behLines.join("\n")]]
        .concat(lamFields).concat([["catatan", val("kt-catatan")]]);
    }
    var check = function (ev) { if (ev && ev.target && ev.target.id) touched[ev.target.id] = true; collect(true); };
    bossSel.addEventListener("change", function () { rhk.forEach(function (r) { r.fillParent(); }); });
    form.addEventListener("input", check);
    form.addEventListener("change", check);
    form.appendChild(submitArea("skp", function () { return collect(false); }));
    return form;
  }

  /* ---- pasted files ------------------------------------------------------------------------- */
  function pasteBox(id, label, hint, onDoc) {
    var area = h("textarea", { id: id, rows: 8, spellcheck: "false" });
    var file = h("input", { type: "file", id: id + "-berkas", accept: ".yml,.yaml,text/yaml,text/plain" });
    var box = h("section", { class: "kt-bagian" }, [h("h2", { text: label }), field("Isi berkas (tempel di sini)", area, hint), field("atau buka berkasnya", file)]);
    touched[id] = true;
    function read() {
      clearErrorsIn(box);
      if (!area.value.trim()) { onDoc(null); return; }
      var doc;
      try { doc = KTYaml.load(area.value); } catch (e) {  // the loader's rules and messages (yamlload.js)
        if (!(e instanceof KTYaml.YamlError)) throw e;
        setError(id, (e.line ? "Baris " + e.line + (e.column ? ", kolom " + e.column : "") + ": " : "") + e.message);
        summary(); onDoc(null); return;
      }
      onDoc(doc);
    }
    area.addEventListener("input", read);
    file.addEventListener("change", function () {
      if (!file.files[0]) return;
      file.files[0].text().then(function (t) { area.value = t; read(); });
    });
    return box;
  }
  function clearErrorsIn(box) { box.querySelectorAll(".kt-galat").forEach(function (g) { g.hidden = true; g.textContent = ""; }); errors = []; }
  function planErrors(id, doc) {
    var es = C.check("plan.schema.json", doc);
    es.slice(0, 5).forEach(function (e) { setError(id, (e.pointer || "/") + ": " + e.message); });
    return es.length === 0;
  }

  /* ---- Laporkan realisasi -------------------------------------------------------------------- */
  function realisasi() {
    var form = h("form", { class: "kt-editor", novalidate: true, on: { submit: function (e) { e.preventDefault(); } } });
    var plan = null, rows = h("div", { id: "kt-baris" });
    var periode = select("kt-periode", ["triwulan_1", "triwulan_2", "triwulan_3", "triwulan_4"].map(function (p) { return [p, "Triwulan " + p.slice(-1)]; }), "triwulan_1");
    var second = h("input", { type: "checkbox", id: "kt-rencana-kedua" });
    form.appendChild(pasteBox("kt-rencana", "Rencana SKP Anda", "Salin isi berkas plans/<tahun>/<id-anda>.yml dari repositori.", function (doc) {
      plan = null; rows.textContent = "";
      if (doc === null) return;
      if (!planErrors("kt-rencana", doc)) { summary(); return; }
      plan = doc; build(); check();
    }));
    form.appendChild(h("section", { class: "kt-bagian" }, [h("h2", { text: "Periode" }), field("Periode", periode),
      h("div", { class: "kt-isian kt-centang" }, [second, h("label", { for: "kt-rencana-kedua", text: "Ini rencana kedua saya tahun ini (pindah jabatan)" })])]));
    form.appendChild(h("section", { class: "kt-bagian" }, [h("h2", { text: "Realisasi" }), rows]));
    form.appendChild(h("section", { class: "kt-bagian" }, [h("h2", { text: "Catatan" }), field("Catatan untuk pejabat penilai (tidak dipublikasikan)", h("textarea", { id: "kt-catatan", rows: 3 }))]));
    function build() {
      plan.hasil_kerja.forEach(function (r, i) {
        var p = "kt-r" + i, fs = h("fieldset", { class: "kt-rhk" }, [h("legend", { text: r.id + ": " + r.uraian })]);
        r.indikator.forEach(function (k, j) {
          var t = k.target, tt = typeof t === "object" && t ? KTTarget.render({ satuan: t.satuan, nilai: t.nilai, min: t.min, maks: t.maks, lower_is_better: !!k.lebih_kecil_lebih_baik }) : String(t);
          fs.appendChild(field("Realisasi " + k.id + ": " + k.uraian, input(p + "-i" + j), "Target: " + tt + ". Angka dengan satuan yang sama (pecahan dengan koma: 7,5), atau kalimat untuk target kualitatif."));
        });
        fs.appendChild(field("Uraian realisasi " + r.id + " (boleh kosong)", input(p + "-uraian")));
        fs.appendChild(field("Tautan bukti dukung " + r.id + " (boleh kosong)", input(p + "-bukti", { type: "url", inputmode: "url" }), "Diawali https://."));
        fs.appendChild(h("div", { class: "kt-isian kt-centang" }, [h("input", { type: "checkbox", id: p + "-publik" }), h("label", { for: p + "-publik", text: "Bukti ini boleh tampil di situs publik (tanpa wajah anak, alamat, NIP)" })]));
        fs.appendChild(field("Keterangan bukti (boleh kosong)", input(p + "-ket")));
        rows.appendChild(fs);
      });
    }
    function collect() {
      clearErrors();
      if (!plan) { setError("kt-rencana", "Tempel atau buka berkas rencana Anda dulu."); summary(); return null; }
      var items = [], lr = [], lu = [], lb = [];
      plan.hasil_kerja.forEach(function (r, i) {
        var p = "kt-r" + i, item = { rhk: r.id, indikator: [] };
        r.indikator.forEach(function (k, j) {
          var id = p + "-i" + j, v = val(id);
          if (!v) return;
          noBar(id, v);
          var num = null;
          try { num = KTTarget.realisasiNumber(v); } catch (e) { setError(id, "Realisasi: " + e.message); }
          item.indikator.push({ iki: k.id, realisasi: num !== null ? num : v });
          lr.push([r.id, k.id, v].join(" | "));
        });
        var u = val(p + "-uraian"), b = val(p + "-bukti"), ket = val(p + "-ket");
        if (u) { noBar(p + "-uraian", u); item.uraian = u; lu.push(r.id + " | " + u); }
        if (b) {
          noBar(p + "-bukti", b); noBar(p + "-ket", ket);
          item.bukti_dukung = [Object.assign({ url: b, publik: document.getElementById(p + "-publik").checked }, ket ? { keterangan: ket } : {})];
          lb.push([r.id, b, document.getElementById(p + "-publik").checked ? "publik" : "tidak"].concat(ket ? [ket] : []).join(" | "));
        }
        if (!item.indikator.length) delete item.indikator;
        if (item.indikator || item.uraian || item.bukti_dukung) items.push(item);
      });
      if (!lr.length) setError(rows.querySelector("input") ? rows.querySelector("input").id : "kt-rencana", "Isi setidaknya satu realisasi.");
      var doc = { versi_format: 1, pegawai: plan.pegawai, tahun: plan.tahun, periode: periode.value, status: "draf", pejabat_penilai: "penilai",
                  realisasi: { hasil_kerja: items } };
      if (val("kt-catatan")) doc.realisasi.catatan = val("kt-catatan");
      schemaErrors("evaluation.schema.json", doc, function (path) {
        if (path[1] === "hasil_kerja" && path.length >= 3) {
          var i = plan.hasil_kerja.findIndex(function (r) { return r.id === items[path[2]].rhk; }), p = "kt-r" + i;
          if (path[3] === "indikator" && path.length >= 5) return p + "-i" + plan.hasil_kerja[i].indikator.findIndex(function (k) { return k.id === items[path[2]].indikator[path[4]].iki; });
          if (path[3] === "bukti_dukung") return path[5] === "keterangan" ? p + "-ket" : p + "-bukti";
          if (path[3] === "uraian") return p + "-uraian";
        }
        return path[1] === "catatan" ? "kt-catatan" : null;
      });
      summary();
      if (errors.length) return null;
      var mulai = second.checked && plan.periode ? plan.periode.mulai : "";
      return [["tahun", String(plan.tahun)], ["periode", periode.value], ["mulai", mulai], ["realisasi", lr.join("\n")],
              ["uraian", lu.join("\n")], ["bukti", lb.join("\n")], ["catatan", val("kt-catatan")]];
    }
    var check = function (ev) { if (ev && ev.target && ev.target.id) touched[ev.target.id] = true; if (plan) collect(); };
    rows.addEventListener("input", check);
    touched["kt-rencana"] = true;
    form.appendChild(submitArea("realisasi", collect));
    return form;
  }

  /* ---- Beri penilaian ------------------------------------------------------------------------- */
  var RATINGS = [["", "— pilih rating —"], ["di_atas_ekspektasi", "Di atas ekspektasi"], ["sesuai_ekspektasi", "Sesuai ekspektasi"], ["di_bawah_ekspektasi", "Di bawah ekspektasi"]];
  var RATING_WORD = { di_atas_ekspektasi: "di atas", sesuai_ekspektasi: "sesuai", di_bawah_ekspektasi: "di bawah" };
  var STORE = "kinerja-terbuka:umpan-balik";
  function penilaian() {
    var form = h("form", { class: "kt-editor", novalidate: true, on: { submit: function (e) { e.preventDefault(); } } });
    var plan = null, ev = null, rows = h("div", { id: "kt-baris" });
    var draft = {};
    try { draft = JSON.parse(sessionStorage.getItem(STORE) || "{}") || {}; } catch (e) { draft = {}; }
    form.appendChild(h("div", { class: "admonition warning" }, [h("p", { class: "admonition-title", text: "Umpan balik bersifat pribadi" }),
      h("p", { text: "Umpan balik yang Anda ketik hanya disimpan di tab peramban ini (sessionStorage) dan hilang saat tab ditutup. Di komputer kantor yang dipakai bersama, tekan \"Hapus draf\" setelah selesai." })]));
    var clear = h("button", { type: "button", class: "md-button", id: "kt-hapus-draf", text: "Hapus draf" });
    clear.addEventListener("click", function () {
      sessionStorage.removeItem(STORE); draft = {};
      form.querySelectorAll("textarea[data-draf]").forEach(function (t) { t.value = ""; });
      live.textContent = "Draf umpan balik dihapus dari peramban ini.";
    });
    form.appendChild(h("p", {}, [clear]));
    form.appendChild(pasteBox("kt-rencana", "Rencana SKP pegawai", "Salin isi berkas plans/<tahun>/<id-pegawai>.yml dari repositori.", function (doc) {
      plan = doc && planErrors("kt-rencana", doc) ? doc : null; build();
    }));
    form.appendChild(pasteBox("kt-evaluasi", "Evaluasi pegawai (realisasinya)", "Salin isi berkas evaluations/<tahun>/<periode>/<id-pegawai>.yml.", function (doc) {
      ev = null;
      if (doc) {
        var es = C.check("evaluation.schema.json", doc);
        es.slice(0, 5).forEach(function (e) { setError("kt-evaluasi", (e.pointer || "/") + ": " + e.message); });
        if (!es.length) ev = doc;
      }
      build();
    }));
    form.appendChild(h("section", { class: "kt-bagian" }, [h("h2", { text: "Rating per RHK" }), rows]));
    var store = function (key, value) { draft[key] = value; try { sessionStorage.setItem(STORE, JSON.stringify(draft)); } catch (e) { /* storage full or off */ } };
    function feedback(id, label) {
      var t = h("textarea", { id: id, rows: 3, "data-draf": "1" });
      var key = (plan ? plan.pegawai + ":" : "") + id;
      t.value = draft[key] || "";
      t.addEventListener("input", function () { store(key, t.value); });
      return field(label, t, "Tidak dipublikasikan.");
    }
    function build() {
      rows.textContent = "";
      summary();
      if (!plan || !ev) return;
      if (ev.pegawai !== plan.pegawai || ev.tahun !== plan.tahun) { setError("kt-evaluasi", "Evaluasi ini bukan milik rencana yang ditempel (pegawai atau tahun berbeda)."); summary(); return; }
      var real = {};
      ((ev.realisasi || {}).hasil_kerja || []).forEach(function (r) { real[r.rhk] = r; });
      plan.hasil_kerja.forEach(function (r, i) {
        var p = "kt-n" + i, rr = real[r.id] || {}, fs = h("fieldset", { class: "kt-rhk" }, [h("legend", { text: r.id + ": " + r.uraian })]);
        (rr.indikator || []).forEach(function (x) { fs.appendChild(h("p", { class: "kt-petunjuk", text: "Realisasi " + x.iki + ": " + String(x.realisasi) })); });
        if (rr.uraian) fs.appendChild(h("p", { class: "kt-petunjuk", text: "Uraian: " + rr.uraian }));
        fs.appendChild(field("Rating " + r.id, select(p + "-rating", RATINGS, "")));
        fs.appendChild(feedback(p + "-umpan", "Umpan balik " + r.id));
        rows.appendChild(fs);
      });
      var beh = h("fieldset", { class: "kt-rhk" }, [h("legend", { text: "Umpan balik perilaku kerja (boleh kosong)" })]);
      Object.keys(D.pilihan.berakhlak).forEach(function (k) { beh.appendChild(feedback("kt-perilaku-" + k, D.pilihan.berakhlak[k])); });
      rows.appendChild(beh);
      rows.appendChild(field("Rating hasil kerja", select("kt-rating-hasil", RATINGS, "")));
      rows.appendChild(field("Rating perilaku kerja", select("kt-rating-perilaku", RATINGS, "")));
      rows.appendChild(feedback("kt-catatan", "Catatan umum untuk pegawai"));
      rows.appendChild(field("Status evaluasi", select("kt-status", [["draf", "Draf (belum final)"], ["final", "Final"]], "draf")));
    }
    function collect() {
      clearErrors();
      if (!plan || !ev) { setError(plan ? "kt-evaluasi" : "kt-rencana", "Tempel atau buka berkas rencana dan evaluasi pegawai dulu."); summary(); return null; }
      var lines = [], beh = [], ratings = [];
      plan.hasil_kerja.forEach(function (r, i) {
        var p = "kt-n" + i, rating = val(p + "-rating"), fb = val(p + "-umpan").replace(/\s*\n\s*/g, " ");
        if (!rating) { setError(p + "-rating", "Pilih rating untuk " + r.id + "."); return; }
        noBar(p + "-umpan", fb);
        ratings.push(Object.assign({ rhk: r.id, rating: rating }, fb ? { umpan_balik: fb } : {}));
        lines.push([r.id, RATING_WORD[rating]].concat(fb ? [fb] : []).join(" | "));
      });
      Object.keys(D.pilihan.berakhlak).forEach(function (k) {
        var t = val("kt-perilaku-" + k).replace(/\s*\n\s*/g, " ");
        if (t) { noBar("kt-perilaku-" + k, t); beh.push(k + " | " + t); }
      });
      ["kt-rating-hasil", "kt-rating-perilaku"].forEach(function (id) { if (!val(id)) setError(id, "Pilih rating."); });
      summary();
      if (errors.length) return null;
      var mulai = plan.periode && plan.periode.mulai !== plan.tahun + "-01-01" ? plan.periode.mulai : "";
      return [["pegawai", plan.pegawai], ["tahun", String(plan.tahun)], ["periode", ev.periode], ["mulai", mulai], ["rating_rhk", lines.join("\n")],
              ["perilaku", beh.join("\n")], ["rating_hasil_kerja", val("kt-rating-hasil")], ["rating_perilaku_kerja", val("kt-rating-perilaku")],
              ["catatan", val("kt-catatan")], ["status", val("kt-status")]];
    }
    form.appendChild(submitArea("penilaian", collect));
    return form;
  }

  function start() {
    root = document.getElementById("kt-editor");
    if (!root) return;
    mode = root.getAttribute("data-mode");
    live = h("div", { id: "kt-ringkasan", class: "kt-ringkasan", role: "status", "aria-live": "polite", tabindex: "-1" });
    fetch(root.getAttribute("data-sumber"), { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      D = data;
      C = new KTCheck.Checker(D.skema, D.pesan, D.sinonim);
      root.textContent = "";
      root.appendChild(live);
      root.appendChild({ skp: skp, realisasi: realisasi, penilaian: penilaian }[mode]());
      summary("Isi formulir di bawah; kesalahan tampil di sini dan di bawah isiannya saat Anda mengetik.");
    }).catch(function () { root.textContent = "Data editor tidak dapat dimuat. Muat ulang halaman ini."; });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
})();
