function datetimeController() {
  const clocks = document.getElementsByClassName('tui-datetime');
  if (!clocks.length) {
    return;
  }

  datetimeInterval();
  // Start ticking on the next whole second.
  setTimeout(() => {
    setInterval(datetimeInterval, 1000);
  }, 1000 - new Date().getMilliseconds());

  function datetimeInterval() {
    for (const clock of clocks) {
      if (clock === null) {
        continue;
      }
      const format = clock.getAttribute('data-format');
      const today = new Date();
      clock.innerHTML = format
        .replace('H', String(today.getHours()).padStart(2, '0'))
        .replace('m', String(today.getMinutes()).padStart(2, '0'))
        .replace('s', String(today.getSeconds()).padStart(2, '0'));
    }
  }
}

document.addEventListener('DOMContentLoaded', datetimeController);
