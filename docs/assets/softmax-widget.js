/* Interactive softmax for <div class="softmax-widget" data-logits="0.2, 1.5, -2">: softmax(z/T),
 * a sigmoid per class, the argmax and the entropy. Nothing fetched; every string follows <html lang>.
 * Same formulas as snippets/: tests/test_widget_math.py, tests/browser/test_widget.py. */
(() => {
  "use strict";
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);

  function softmax(z, t) {
    const s = z.map((v) => v / t);
    const m = Math.max(...s);
    const e = s.map((v) => Math.exp(v - m));
    const total = sum(e);
    return e.map((v) => v / total);
  }
  const sigmoid = (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
  const entropy = (p) => p.reduce((h, v) => (v > 0 ? h - v * Math.log(v) : h), 0);
  // the first of equal maxima, as numpy's argmax
  const argmax = (z) => z.reduce((best, v, i) => (v > z[best] ? i : best), 0);

  const TEXT = {
    ko: {
      classes: ["개", "고양이", "오리", "말", "토끼"],
      intro: "로짓과 온도 T를 움직여 보세요. 막대는 softmax(z/T)와, 클래스마다 따로 계산한 σ(z/T)입니다.",
      presets: "예시", duck: "오리 사진", elephant: "코끼리 사진 (배우지 않은 클래스)",
      count: "클래스 수", logit: "{c}의 로짓", number: "{c}의 로짓 (숫자)",
      temperature: "온도 T", temperatureNumber: "온도 T (숫자)",
      head: ["클래스", "softmax(z/T)", "σ(z/T)"],
      prediction: "예측(argmax): {c}",
      entropy: "소프트맥스의 엔트로피: {h} 내트 (최댓값 ln {k} = {max})",
      sums: "합: 소프트맥스 {s}, 시그모이드 {g}",
      note: "σ(z/T) 열은 비교용입니다. 소프트맥스 모델의 로짓에는 기준점이 없어서, 모든 로짓에 1을 더하면 소프트맥스는 그대로인데 시그모이드는 모두 바뀝니다.",
      unsure: "시그모이드가 모두 0.5 아래입니다. 클래스마다 시그모이드로 학습한 모델이라면 '어느 것도 아니다'라는 뜻이지만, 소프트맥스는 하나를 고릅니다: {c}.",
      sure: "시그모이드가 0.5를 넘는 클래스: {list}.",
    },
    en: {
      classes: ["dog", "cat", "duck", "horse", "rabbit"],
      intro: "Move the logits and the temperature T. The bars show softmax(z/T) and, class by class, the sigmoid σ(z/T).",
      presets: "Examples", duck: "Photo of a duck", elephant: "Photo of an elephant (a class never learned)",
      count: "Number of classes", logit: "Logit of {c}", number: "Logit of {c} (number)",
      temperature: "Temperature T", temperatureNumber: "Temperature T (number)",
      head: ["Class", "softmax(z/T)", "σ(z/T)"],
      prediction: "Prediction (argmax): {c}",
      entropy: "Entropy of the softmax: {h} nats (at most ln {k} = {max})",
      sums: "Sums: softmax {s}, sigmoids {g}",
      note: "The σ(z/T) column is for comparison: a softmax model's logits have no fixed zero, so adding 1 to every logit leaves softmax unchanged but moves every sigmoid.",
      unsure: "Every sigmoid is below 0.5: from a model trained with a sigmoid per class, that would mean \"none of these\". Softmax still picks one: {c}.",
      sure: "Classes whose sigmoid is above 0.5: {list}.",
    },
  };
  const PRESETS = { duck: [-0.15, -0.87, 1.1], elephant: [-3.1, -2.8, -3.0] };
  let count = 0;

  const fill = (s, values) => s.replace(/\{(\w+)\}/g, (_, k) => values[k]);
  const four = (x) => x.toFixed(4);
  function el(parent, tag, attrs = {}, text) {
    const node = parent.appendChild(document.createElement(tag));
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function init(root) {
    if (root.dataset.ready) return;
    root.dataset.ready = "1";
    const T = TEXT[document.documentElement.lang.toLowerCase().startsWith("ko") ? "ko" : "en"];
    const id = `sw${++count}-`;
    const start = (root.dataset.logits || "2, 1, 0.1").split(",").map(Number);
    const state = {
      z: [0, 0, 0, 0, 0].map((v, i) => (Number.isFinite(start[i]) ? start[i] : v)),
      k: Math.min(5, Math.max(3, start.length)),
      t: Number(root.dataset.temperature) || 1,
    };
    root.textContent = "";
    el(root, "p", {}, T.intro);

    const presets = el(root, "div", { class: "sw-presets", role: "group", "aria-label": T.presets });
    for (const [name, z] of Object.entries(PRESETS)) {
      el(presets, "button", { type: "button", class: "md-button", "data-preset": name }, T[name])
        .addEventListener("click", () => {
          Object.assign(state, { k: z.length, t: 1 });
          z.forEach((v, i) => (state.z[i] = v));
          sync();
          update();
        });
    }

    const controls = el(root, "div", { class: "sw-controls" });
    const countRow = el(controls, "div", { class: "sw-row" });
    el(countRow, "label", { for: `${id}k` }, T.count);
    const select = el(countRow, "select", { id: `${id}k` });
    for (const k of [3, 4, 5]) el(select, "option", { value: k }, String(k));
    select.addEventListener("change", () => {
      state.k = Number(select.value);
      sync();
      update();
    });

    // a slider and a number field, each with its own <label>, kept in step
    function pair(key, label, numberLabel, range, set, positive) {
      const row = el(controls, "div", { class: "sw-row" });
      el(row, "label", { for: key }, label);
      const slider = el(row, "input", { type: "range", id: key, min: range[0], max: range[1], step: "0.1" });
      el(row, "label", { for: `${key}n`, class: "sw-hidden" }, numberLabel);
      const box = el(row, "input", { type: "number", id: `${key}n`, min: range[2], max: range[3], step: "0.01" });
      slider.addEventListener("input", () => {
        set(Number(slider.value));
        box.value = slider.value;
        update();
      });
      box.addEventListener("input", () => {
        const v = parseFloat(box.value);
        const ok = Number.isFinite(v) && (!positive || v > 0);
        box.setAttribute("aria-invalid", String(!ok));
        if (!ok) return;
        set(v);
        slider.value = String(v); // the slider clamps a value beyond its range
        update();
      });
      return { row, slider, box };
    }
    const inputs = T.classes.map((c, i) =>
      pair(`${id}z${i}`, fill(T.logit, { c }), fill(T.number, { c }), [-10, 10, -1000, 1000], (v) => (state.z[i] = v)),
    );
    const temp = pair(`${id}t`, T.temperature, T.temperatureNumber, [0.1, 5, 0.01, 100], (v) => (state.t = v), true);

    const table = el(root, "table", { class: "sw-table", "aria-describedby": `${id}note` });
    const head = el(el(table, "thead"), "tr");
    for (const h of T.head) el(head, "th", { scope: "col" }, h);
    const body = el(table, "tbody");
    const rows = T.classes.map((c) => {
      const tr = el(body, "tr");
      const th = el(tr, "th", { scope: "row" });
      el(th, "span", { class: "sw-name" }, c);
      const badge = el(th, "span", { class: "sw-argmax" }, "argmax");
      const cell = (kind) => {
        const td = el(tr, "td", { class: `sw-${kind}` });
        const bar = el(el(td, "span", { class: "sw-bar", "aria-hidden": "true" }), "span");
        return { bar, value: el(td, "span", { class: "sw-value" }) };
      };
      return { tr, badge, soft: cell("softmax"), sig: cell("sigmoid") };
    });

    el(root, "p", { class: "sw-note", id: `${id}note` }, T.note);
    const summary = el(root, "div", { class: "sw-summary", "aria-live": "polite" });
    const prediction = el(summary, "p", { class: "sw-prediction" });
    const line = el(summary, "p");
    const meter = el(line, "meter", { class: "sw-meter", min: "0", "aria-hidden": "true" });
    const entropyText = el(line, "span", { class: "sw-entropy" });
    const sums = el(summary, "p", { class: "sw-sums" });
    const verdict = el(summary, "p", { class: "sw-verdict" });

    function sync() {
      select.value = String(state.k);
      inputs.forEach((p, i) => {
        p.row.hidden = i >= state.k;
        p.slider.value = p.box.value = String(state.z[i]);
      });
      temp.slider.value = temp.box.value = String(state.t);
    }

    function update() {
      const z = state.z.slice(0, state.k);
      const p = softmax(z, state.t);
      const s = z.map((v) => sigmoid(v / state.t));
      const best = argmax(z);
      const h = entropy(p);
      const hmax = Math.log(state.k);
      rows.forEach((r, i) => {
        r.tr.hidden = i >= state.k;
        if (i >= state.k) return;
        r.tr.classList.toggle("sw-best", i === best);
        r.badge.hidden = i !== best;
        for (const [cell, x] of [[r.soft, p[i]], [r.sig, s[i]]]) {
          cell.value.textContent = four(x);
          cell.bar.style.width = `${(100 * x).toFixed(1)}%`;
        }
      });
      const c = T.classes[best];
      prediction.textContent = fill(T.prediction, { c });
      meter.max = hmax;
      meter.value = h;
      entropyText.textContent = fill(T.entropy, { h: four(h), k: state.k, max: four(hmax) });
      sums.textContent = fill(T.sums, { s: four(sum(p)), g: four(sum(s)) });
      const above = T.classes.filter((_, i) => i < state.k && s[i] > 0.5);
      verdict.textContent = above.length ? fill(T.sure, { list: above.join(", ") }) : fill(T.unsure, { c });
    }

    sync();
    update();
  }

  const initAll = () => document.querySelectorAll(".softmax-widget").forEach(init);

  if (typeof module === "object" && module.exports) {
    module.exports = { softmax, sigmoid, entropy, argmax }; // for tests/test_widget_math.py
  } else if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(initAll); // Material's page event, also for instant loading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
