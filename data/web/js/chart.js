// The uPlot charts of the staff and auditor pages (statistics.js, auditor.js).
// uPlot and its stylesheet load with the first chart drawn; the phone pages
// (supporter, host) never import this module, so they never load either.
import { html, useEffect, useRef, lang, fmtMonth } from './core.js';
import { yenAxis } from './format.js';

let uplotPromise = null;
function loadUPlot() {
  if (!uplotPromise) {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = new URL('../vendor/uPlot.min.css', import.meta.url).href;
    document.head.appendChild(css);
    uplotPromise = import('../vendor/uPlot.esm.js').then((m) => m.default);
  }
  return uplotPromise;
}

// A uPlot chart made by @make (UPlot, width, element) → [options, data],
// redrawn when @deps or the language change.  The canvas has no text: the
// table beside each chart is its accessible form.
export function Chart({ make, deps, testid }) {
  const ref = useRef(null);
  useEffect(() => {
    let plot = null;
    let live = true;
    loadUPlot().then((UPlot) => {
      if (!live || !ref.current) return;
      const [opts, data] = make(UPlot, Math.max(300, ref.current.clientWidth), ref.current);
      plot = new UPlot(opts, data, ref.current);
    });
    return () => { live = false; if (plot) plot.destroy(); };
  }, [...deps, lang]);
  return html`<div class="chart" ref=${ref} aria-hidden="true" data-testid=${testid}></div>`;
}

// The x axis of a fiscal year's @months ("YYYY-MM", one a slot): 4月 … 3月.
export const monthTick = (months) => (u, vals) => vals.map((v) => (Number.isInteger(v) && months[v]
  ? `${Number(months[v].slice(5))}${lang === 'ja' ? '月' : ''}` : ''));

// The x series of @months: the legend shows the month under the cursor.
export const monthSeries = (text, months) => ({ label: text, value: (u, v) => (months[v] ? fmtMonth(months[v]) : '') });

// Payments of a fiscal year against its budget, as [options, data] for
// Chart's @make: @paid a bar a month on the left scale, @cumulative and the
// @budget (a number, or null for none) as lines on the right.  @text names
// the series ({ month, paid, cumulative, budget }); @value formats the
// legend's amounts.  The money axes are in 万円 / 千円 (¥…k in English); the
// labels drawn are kept on @el too (data-axis-monthly, data-axis-cumulative),
// since the canvas has no text to read.
export function budgetChart(UPlot, width, el, { height, months, paid, cumulative, budget, text, value }) {
  const axis = (name, vals, incr) => {
    const labels = yenAxis(vals, incr);
    el.dataset[name] = labels.filter(Boolean).join('|');
    return labels;
  };
  return [{
    width, height,
    scales: { x: { time: false, range: [-0.5, 11.5] }, m: { range: [0, Math.max(10000, ...paid) * 1.1] },
      c: { range: [0, Math.max(budget || 0, cumulative[11] || 0, 10000) * 1.05] } },
    axes: [
      { values: monthTick(months), stroke: '#333', grid: { show: false } },
      { scale: 'm', values: (u, vals, ai, space, incr) => axis('axisMonthly', vals, incr), stroke: '#333', size: 70 },
      { scale: 'c', side: 1, values: (u, vals, ai, space, incr) => axis('axisCumulative', vals, incr), stroke: '#333', size: 70, grid: { show: false } },
    ],
    series: [
      monthSeries(text.month, months),
      { label: text.paid, scale: 'm', fill: '#2f6fa3', stroke: '#1f4f78', paths: UPlot.paths.bars({ size: [0.6, 60] }), value: (u, v) => value(v) },
      { label: text.cumulative, scale: 'c', stroke: '#b3541e', width: 2, value: (u, v) => value(v) },
      { label: text.budget, scale: 'c', stroke: '#1e7a3a', dash: [6, 4], width: 2, value: (u, v) => value(v) },
    ],
  }, [months.map((_, i) => i), paid, cumulative, months.map(() => budget)]];
}
