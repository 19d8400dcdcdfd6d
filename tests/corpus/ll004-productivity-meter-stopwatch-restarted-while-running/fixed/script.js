// global watch state
T = [{}, {}];
T[0].timerDiv = document.querySelectorAll('.watch1 #timer')[0];
T[1].timerDiv = document.querySelectorAll('.watch2 #timer')[0];
watchRunning = [0, 0];

function format(ms) {
  const pad = n => (n < 10 ? '0' + n : String(n));
  return [Math.floor(ms / 3600000), Math.floor(ms / 60000) % 60, Math.floor(ms / 1000) % 60, Math.floor(ms % 1000 / 10)]
    .map(pad).join(':');
}

function displayTimer(id) {
  T[id].difference = new Date().getTime() - T[id].timerStarted;
  T[id].timerDiv.innerHTML = format(T[id].difference);
}

function startTimer(id) {
  // a running watch keeps its interval: storing a second one would lose the first
  if (watchRunning[id] == 1) {
    return;
  }

  // the second watch starts only while the first one runs
  if (id == 1 && watchRunning[0] == 0) {
    return;
  }

  T[id].timerStarted = new Date().getTime();
  watchRunning[id] = 1;
  if (T[id].difference > 0) {
    T[id].timerStarted = T[id].timerStarted - T[id].difference;
  }

  T[id].timerInterval = setInterval(function() {
    displayTimer(id);
  }, 10);

  document.querySelectorAll('.watch' + String(id + 1) + ' #go')[0].style.display = "none";
  document.querySelectorAll('.watch' + String(id + 1) + ' #stop')[0].style.display = "inline";
}

function stopTimer(id) {
  clearInterval(T[id].timerInterval);
  watchRunning[id] = 0;
  document.querySelectorAll('.watch' + String(id + 1) + ' #stop')[0].style.display = "none";
  document.querySelectorAll('.watch' + String(id + 1) + ' #go')[0].style.display = "inline";
}

function clearTimer(id) {
  clearInterval(T[id].timerInterval);
  T[id].timerDiv.innerHTML = "00:00:00:00";
  T[id].difference = 0;
}
