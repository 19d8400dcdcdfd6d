function datetimeController() {
  const clocks = document.getElementsByClassName('tui-datetime');
  if (!clocks.length) {
    return;
  }

  datetimeInterval();
  setInterval(datetimeInterval, 1000);

  function datetimeInterval() {
    for (const clock of clocks) {
      // expect: LL004
      const interval = setInterval(() => {
        if (clock === null) {
          clearInterval(interval);
          return;
        }
        const format = clock.getAttribute('data-format');
        const today = new Date();
        clock.innerHTML = format
          .replace('H', String(today.getHours()).padStart(2, '0'))
          .replace('m', String(today.getMinutes()).padStart(2, '0'))
          .replace('s', String(today.getSeconds()).padStart(2, '0'));
      });
    }
  }
}

document.addEventListener('DOMContentLoaded', datetimeController);
