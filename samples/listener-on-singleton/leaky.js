'use strict';

// LL002 listener on a singleton (leaky twin).
//
// Exchange rates live in a process-wide EventEmitter. While a quote is being
// priced the handler subscribes to rate updates so it can re-price if the rates
// change mid-request, but it never unsubscribes: every request leaves one more
// listener (and the quote it closes over) on the emitter forever. Node prints
// a MaxListenersExceededWarning once there are more than 10 of them.

const http = require('node:http');
const { EventEmitter } = require('node:events');
const { setImmediate: nextTurn } = require('node:timers/promises');
const { startHttpSample, runStandalone } = require('../support.js');

const LINES_PER_QUOTE = 100;

// Process-wide: emits 'update' whenever the exchange rates are refreshed.
const rates = new EventEmitter();
let currentRates = { EUR: 1, USD: 1.08, GBP: 0.85 };

function updateRates(next) {
  currentRates = { ...currentRates, ...next };
  rates.emit('update', currentRates);
}

function buildQuote(id, currency) {
  const lines = [];
  for (let n = 0; n < LINES_PER_QUOTE; n += 1) {
    lines.push({ sku: `SKU-${id}-${n}`, description: `item ${n} for quote ${id}`, netEur: 10 + (n % 50) });
  }
  return { id, currency, lines, total: 0 };
}

function priceQuote(quote, latestRates) {
  const rate = latestRates[quote.currency] ?? 1;
  quote.total = quote.lines.reduce((sum, line) => sum + line.netEur * rate, 0);
}

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');

  if (req.method === 'POST' && url.pathname === '/rates') {
    updateRates({ [url.searchParams.get('currency')]: Number(url.searchParams.get('rate')) });
    res.end('ok');
    return;
  }

  const quote = buildQuote(url.searchParams.get('id') ?? '0', url.searchParams.get('currency') ?? 'EUR');
  const onRatesUpdate = (latestRates) => priceQuote(quote, latestRates);
  // expect: LL002
  rates.on('update', onRatesUpdate);

  priceQuote(quote, currentRates);
  await nextTurn(); // stands in for an awaited call, e.g. to a shipping-cost service
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify({ id: quote.id, currency: quote.currency, total: quote.total }));
});

// Sample contract (samples/README.md): every iteration prices one quote.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.get(`/quote?id=${i}&currency=USD`),
  });
}

module.exports = { start, defaultIterations: 2000 };

if (require.main === module) {
  runStandalone(module.exports);
}
