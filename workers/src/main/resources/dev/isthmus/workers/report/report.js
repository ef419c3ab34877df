// Builds the report's charts from RESULTS (results.json) with Chart.js; no network access.
(function () {
  const R = RESULTS;
  const palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f'];
  const alignments = [...new Set(R.curves.map(c => c.alignment))];
  const colour = a => palette[alignments.indexOf(a) % palette.length];
  const name = c => `${c.a} → ${c.b} (${c.alignment}, ${c.path})`;
  const mean = rows => rows[0].map((_, i) => rows.reduce((s, r) => s + r[i], 0) / rows.length);
  const line = (id, title, datasets, y) => new Chart(document.getElementById(id), {
    type: 'line',
    data: { datasets },
    options: { animation: false, parsing: false, plugins: { title: { display: true, text: title } },
      scales: { x: { type: 'linear', title: { display: true, text: 'alpha' } }, y: { title: { display: true, text: y } } } }
  });
  const points = (xs, ys) => xs.map((x, i) => ({ x, y: ys[i] }));
  const perCurve = key => R.curves.map(c => ({ label: name(c), data: points(c.alphas, c[key]),
    borderColor: colour(c.alignment), backgroundColor: colour(c.alignment), pointRadius: 1 }));
  line('loss', 'Loss along the path', perCurve('loss'), 'mean cross-entropy');
  line('accuracy', 'Accuracy along the path', perCurve('accuracy'), 'accuracy');

  const decomposed = R.curves.filter(c => c.decomposition);
  if (decomposed.length) {
    const terms = [['meanGap', 'gap'], ['meanD', 'D'], ['meanJ', 'J'], ['meanEy', 'E_y']];
    const sets = [];
    for (const a of alignments) {
      const cs = decomposed.filter(c => c.alignment === a);
      if (!cs.length) continue;
      terms.forEach(([key, label], t) => sets.push({ label: `${label} (${a})`, data: points(cs[0].alphas, mean(cs.map(c => c.decomposition[key]))),
        borderColor: colour(a), borderDash: [[], [6, 3], [2, 2], [10, 4, 2, 4]][t], pointRadius: 0 }));
    }
    line('decomposition', 'Decomposition gap = D − J − E_y (means over examples and pairs)', sets, 'nats');
    const attributed = decomposed.filter(c => c.decomposition.attribution && Object.keys(c.decomposition.attribution.topShares).length);
    new Chart(document.getElementById('attribution'), {
      type: 'bar',
      data: { labels: attributed.map(name), datasets: ['top10', 'top35', 'top50'].map((k, i) => ({
        label: `share of the barrier carried by the ${k.slice(3)} % largest gaps`,
        data: attributed.map(c => c.decomposition.attribution.topShares[k]), backgroundColor: palette[i + 3] })) },
      // Shares of small net barriers can exceed 1 by orders of magnitude: a log axis keeps both.
      options: { animation: false, scales: { y: { type: 'logarithmic' } },
        plugins: { title: { display: true, text: 'Attribution at the alpha of the barrier (share of the net barrier)' } } }
    });
  }

  const similar = R.curves.filter(c => c.similarity);
  if (similar.length) {
    const sets = [];
    for (const a of alignments) {
      const cs = similar.filter(c => c.alignment === a);
      if (!cs.length) continue;
      cs[0].similarity.layers.forEach((layer, l) => sets.push({ label: `${layer} (${a})`,
        data: points(cs[0].alphas, mean(cs.map(c => c.similarity.alongPath.map(row => row[l])))),
        borderColor: colour(a), borderDash: l % 2 ? [6, 3] : [], pointRadius: 0 }));
    }
    line('cka', 'Linear CKA of each hidden layer against A along the path (mean over pairs)', sets, 'CKA');
  }
})();
