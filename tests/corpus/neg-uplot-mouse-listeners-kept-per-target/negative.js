function filtBtn0(self, targ, handle, onlyTarg = true) {
	return e => {
		e.button == 0 && (!onlyTarg || e.target == targ) && handle(e);
	};
}

function filtTarg(self, targ, handle, onlyTarg = true) {
	return e => {
		(!onlyTarg || e.target == targ) && handle(e);
	};
}

const cursorOpts = {
	show: true,
	bind: {
		mousedown: filtBtn0,
		mouseup:   filtBtn0,
		dblclick:  filtBtn0,
		mousemove: filtTarg,
		mouseleave: filtTarg,
	},
};

function on(ev, el, cb) {
	el.addEventListener(ev, cb, { passive: true });
}

function off(ev, el, cb) {
	el.removeEventListener(ev, cb, { passive: true });
}

const doc = document;
const mousedown = "mousedown";
const mouseup = "mouseup";
const mousemove = "mousemove";
const mouseleave = "mouseleave";

export default function uPlot(opts, data, then) {
	const self = { status: 0 };
	const cursor = Object.assign({}, cursorOpts, opts.cursor);
	const root = doc.createElement("div");
	const over = doc.createElement("div");
	root.appendChild(over);
	let dragging = false;

	const mouseListeners = new Map();

	function onMouse(ev, targ, fn, onlyTarg = true) {
		const targListeners = mouseListeners.get(targ) || {};
		const listener = cursor.bind[ev](self, targ, fn, onlyTarg);

		if (listener) {
			on(ev, targ, targListeners[ev] = listener);
			mouseListeners.set(targ, targListeners);
		}
	}

	function offMouse(ev, targ, fn) {
		const targListeners = mouseListeners.get(targ) || {};

		for (let k in targListeners) {
			if (ev == null || k == ev) {
				off(k, targ, targListeners[k]);
				delete targListeners[k];
			}
		}

		if (ev == null)
			mouseListeners.delete(targ);
	}

	function mouseDown(e) {
		dragging = true;
		if (e != null) {
			onMouse(mouseup, doc, mouseUp, false);
		}
	}

	function mouseUp(e) {
		dragging = false;
		if (e != null) {
			offMouse(mouseup, doc, mouseUp);
		}
	}

	function mouseMove(e) {
		if (dragging) {
			self.cursor = { left: e.clientX, top: e.clientY };
		}
	}

	function mouseLeave() {
		if (!dragging) {
			self.cursor = null;
		}
	}

	if (cursor.show) {
		onMouse(mousedown, over, mouseDown);
		onMouse(mousemove, over, mouseMove);
		onMouse(mouseleave, over, mouseLeave);
	}

	function destroy() {
		mouseListeners.clear();
		root.remove();
	}

	self.root = root;
	self.destroy = destroy;

	if (then) {
		then.appendChild(root);
	}

	return self;
}
