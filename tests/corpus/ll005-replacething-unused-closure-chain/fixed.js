let currentTable = null;

function reloadTable() {
  let previousTable = currentTable;
  const logSwap = function () {
    if (previousTable) console.log('replacing table of', previousTable.rows.length);
  };
  logSwap();

  currentTable = {
    rows: new Array(1000000).fill('*'),
    describe() {
      return 'lookup table';
    },
  };
  // The shared context no longer points at the old table.
  previousTable = null;
}

setInterval(reloadTable, 1000);
