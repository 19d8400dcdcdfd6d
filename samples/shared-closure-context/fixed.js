'use strict';

// LL005 closures sharing a context (fixed twin).
//
// Same catalog reload, but the comparison with the previous catalog lives in
// its own function. reloadCatalog no longer creates a closure over `previous`,
// so the context that the new `find` method keeps holds nothing old, and each
// reload releases the catalog before it.

const http = require('node:http');
const { startHttpSample, runStandalone } = require('../support.js');

const ITEMS_PER_CATALOG = 300;

let catalog = null;

function loadItems(version) {
  const items = [];
  for (let n = 0; n < ITEMS_PER_CATALOG; n += 1) {
    items.push({ sku: `SKU-${version}-${n}`, title: `item ${n} (catalog v${version})`, price: 5 + (n % 40) });
  }
  return items;
}

function countNewItems(previous, items) {
  return items.filter((item) => previous === null || !previous.bySku.has(item.sku)).length;
}

function reloadCatalog(version) {
  const items = loadItems(version);
  const newItems = countNewItems(catalog, items);
  catalog = {
    version,
    items,
    bySku: new Map(items.map((item) => [item.sku, item])),
    newItems,
    find(sku) {
      return this.bySku.get(sku) ?? null;
    },
  };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  res.setHeader('content-type', 'application/json');

  if (req.method === 'POST' && url.pathname === '/admin/reload') {
    reloadCatalog(Number(url.searchParams.get('version') ?? 0));
    res.end(JSON.stringify({ version: catalog.version, newItems: catalog.newItems }));
    return;
  }

  const item = catalog === null ? null : catalog.find(url.searchParams.get('sku'));
  res.statusCode = item === null ? 404 : 200;
  res.end(JSON.stringify(item));
});

// Sample contract (samples/README.md): every iteration reloads the catalog.
function start() {
  return startHttpSample(server, {
    exercise: (client, i) => client.post(`/admin/reload?version=${i}`),
  });
}

module.exports = { start, defaultIterations: 600 };

if (require.main === module) {
  runStandalone(module.exports);
}
