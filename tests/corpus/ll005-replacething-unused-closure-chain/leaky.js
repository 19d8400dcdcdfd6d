let currentTable = null;

function reloadTable() {
  const previousTable = currentTable;
  const logSwap = function () {
    if (previousTable) console.log('replacing table of', previousTable.rows.length);
  };
  logSwap();

  currentTable = {
    rows: new Array(1000000).fill('*'),
    // expect: LL005
    describe() {
      return 'lookup table';
    },
  };
}

setInterval(reloadTable, 1000);
