function parseLine(line) {
  return line.startsWith('data:') ? line.slice(5).trim() : null;
}

async function readStream({ url, onLine }) {
  const response = await fetch(url);
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const consume = (line) => {
    const payload = parseLine(line);
    if (payload) onLine(payload);
  };
  while (true) {
    const { done, value } = await reader.read();
    if (done) break;
    for (const line of decoder.decode(value).split('\n')) consume(line);
  }
}

export async function complete({ url, onToken }) {
  let text = '';
  await readStream({ url, onLine: (token) => { text += token; onToken?.(token); } });
  return text;
}

export async function completeOnce({ url, onDone }) {
  const response = await fetch(url);
  const text = await response.text();
  onDone(text);
  return text;
}
