const doc = document;
const data = [[1, 2, 3, 4, 5, 6], [0.8, 0.9, 0.1, -0.7, -0.9, -0.3]];
let initXmin = 1;
let initXmax = 4.5;
let viaGrip = false;

function debounce(fn) {
  let raf;
  return (...args) => {
    if (raf) return;
    raf = requestAnimationFrame(() => {
      fn(...args);
      raf = null;
    });
  };
}

function placeDiv(par, cls) {
  let el = doc.createElement("div");
  el.classList.add(cls);
  par.appendChild(el);
  return el;
}

function on(ev, el, fn) {
  el.addEventListener(ev, fn);
}

function off(ev, el, fn) {
  el.removeEventListener(ev, fn);
}

let x0;
let lft0;
let wid0;

const lftWid = { left: null, width: null };
const minMax = { min: null, max: null };

function update(newLft, newWid) {
  let newRgt = newLft + newWid;
  let maxRgt = uRanger.bbox.width / devicePixelRatio;
  if (newLft >= 0 && newRgt <= maxRgt) {
    lftWid.left = newLft;
    lftWid.width = newWid;
    uRanger.setSelect(lftWid, false);
    zoom(newLft, newWid);
  }
}

function zoom(newLft, newWid) {
  minMax.min = uRanger.posToVal(newLft, "x");
  minMax.max = uRanger.posToVal(newLft + newWid, "x");
  uZoomed.setScale("x", minMax);
}

function bindMove(e, onMove) {
  x0 = e.clientX;
  lft0 = uRanger.select.left;
  wid0 = uRanger.select.width;
  const _onMove = debounce(onMove);
  on("mousemove", doc, _onMove);
  // expect: LL002
  on("mouseup", doc, e => {
    off("mousemove", doc, _onMove);
    viaGrip = false;
  });
  e.stopPropagation();
}

const rangerOpts = {
  width: 800,
  height: 100,
  cursor: { x: false, y: false, drag: { setScale: false, setSelect: true, x: true, y: false } },
  legend: { show: false },
  scales: { x: { time: false } },
  series: [{}, { stroke: "red" }],
  hooks: {
    ready: [
      uRanger => {
        let left = Math.round(uRanger.valToPos(initXmin, "x"));
        let width = Math.round(uRanger.valToPos(initXmax, "x")) - left;
        let height = uRanger.bbox.height / devicePixelRatio;
        uRanger.setSelect({ left, width, height }, false);

        const sel = uRanger.root.querySelector(".u-select");

        on("mousedown", sel, e => {
          bindMove(e, e => update(lft0 + (e.clientX - x0), wid0));
        });
        on("mousedown", placeDiv(sel, "u-grip-l"), e => {
          bindMove(e, e => update(lft0 + (e.clientX - x0), wid0 - (e.clientX - x0)));
        });
        on("mousedown", placeDiv(sel, "u-grip-r"), e => {
          bindMove(e, e => update(lft0, wid0 + (e.clientX - x0)));
        });
      }
    ],
    setSelect: [
      uRanger => {
        zoom(uRanger.select.left, uRanger.select.width);
      }
    ]
  }
};

let uRanger = new uPlot(rangerOpts, data, document.body);

let uZoomed = new uPlot({
  width: 800,
  height: 400,
  scales: { x: { time: false, min: initXmin, max: initXmax } },
  series: [{ label: "x" }, { label: "sin(x)", stroke: "red" }]
}, data, document.body);
