import { useEffect, useState } from 'preact/hooks';
import { api } from './api.js';
import { nowForInput } from './format.js';
import { html } from './html.js';

/** Runs a scheduled job as if the clock read a chosen time (in the community's zone). */
export function TimeMachine({ timeZone }) {
  const [jobs, setJobs] = useState(null);
  const [name, setName] = useState('');
  const [at, setAt] = useState(() => nowForInput(timeZone));
  const [outcome, setOutcome] = useState(null);

  useEffect(() => {
    api
      .jobs()
      .then(({ jobs }) => {
        setJobs(jobs);
        setName(jobs[0]?.name ?? '');
      })
      .catch((error) => setOutcome({ ok: false, text: error.message }));
  }, []);

  const run = async (event) => {
    event.preventDefault();
    setOutcome({ ok: true, text: '运行中…' });
    try {
      const { report } = await api.runJob(name, at);
      setOutcome({ ok: true, text: report });
    } catch (error) {
      setOutcome({ ok: false, text: error.message });
    }
  };

  return html`<div class="time-machine">
    <h2>时光机</h2>
    <p class="muted">按选定的时间（${timeZone}）运行一个定时任务，和 <code>npm run job</code> 用同一个执行器。</p>
    ${jobs === null && !outcome && html`<p class="muted" role="status">正在读取任务…</p>`}
    ${jobs?.length === 0 && html`<p class="empty-jobs">暂无定时任务</p>`}
    ${
      jobs?.length > 0 &&
      html`<form onSubmit=${run}>
        <label for="job-name">任务</label>
        <select id="job-name" value=${name} onChange=${(event) => setName(event.currentTarget.value)}>
          ${jobs.map((j) => html`<option value=${j.name}>${j.name} — ${j.summary}</option>`)}
        </select>
        <label for="job-at">假装现在是（${timeZone}）</label>
        <input
          id="job-at"
          type="text"
          inputmode="numeric"
          required
          pattern="\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}"
          placeholder="2026-12-06 06:20"
          title="年-月-日 时:分，例如 2026-12-06 06:20"
          value=${at}
          onInput=${(event) => setAt(event.currentTarget.value)}
        />
        <button type="submit" class="primary">运行</button>
      </form>`
    }
    ${outcome && html`<pre class=${outcome.ok ? 'job-report' : 'error'} role="status">${outcome.text}</pre>`}
  </div>`;
}
