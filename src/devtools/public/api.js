/** The page's only I/O: the /dev API on this server, and the stand-in's record of what the bot sent. */

async function request(path, init) {
  const res = await fetch(path, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error ?? `HTTP ${res.status}`);
  return body;
}

const post = (path, body) =>
  request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

export const api = {
  config: () => request('/dev/api/config'),
  people: (q) => request(`/dev/api/people?q=${encodeURIComponent(q)}`),
  say: (userId, text) => post('/dev/api/say', { userId, text }),
  cardClick: (userId, taskId, eventKey) => post('/dev/api/card-click', { userId, taskId, eventKey }),
  resident: (userId) => post('/dev/api/resident', { userId }),
  photo: (userId, filename, data) => post('/dev/api/photo', { userId, filename, data }),
  location: (userId, place) => post('/dev/api/location', { userId, ...place }),
  menu: () => request('/dev/api/menu'),
  menuClick: (userId, eventKey) => post('/dev/api/menu-click', { userId, eventKey }),
  jobs: () => request('/dev/api/jobs'),
  runJob: (name, at) => post('/dev/api/jobs/run', { name, at }),
};

export const mediaUrl = (mediaId) => `/dev/api/media/${encodeURIComponent(mediaId)}`;

/**
 * Follows every message the bot sends: the stand-in's SSE feed, plus its full list on each (re)connect so
 * nothing sent while disconnected is missed. Callers merge by msgid. Returns a function that stops it.
 */
export function watchSentMessages(standinUrl, onMessages, onStatus) {
  const source = new EventSource(`${standinUrl}/__standin/stream`);
  source.onopen = async () => {
    onStatus('live');
    try {
      const res = await fetch(`${standinUrl}/__standin/messages`);
      onMessages((await res.json()).messages ?? []);
    } catch {
      onStatus('reconnecting');
    }
  };
  source.onmessage = (event) => onMessages([JSON.parse(event.data)]);
  source.onerror = () => onStatus(source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
  return () => source.close();
}
