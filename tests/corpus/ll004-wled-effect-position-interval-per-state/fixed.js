var d = document;
var _selFxInterval = null; // interval ID for selected effect position update
var ws, fxdata = [], selectedFx = 0, simplifiedUI = false, isOn = false;

function gId(c) { return d.getElementById(c); }

function setEffectParameters(idx)
{
	if (!(Array.isArray(fxdata) && fxdata.length>idx)) return;
	var effectPars = (fxdata[idx] == '')?[]:fxdata[idx].split(";");
	var slOnOff = (effectPars.length==0 || effectPars[0]=='')?[]:effectPars[0].split(",");

	d.querySelectorAll("#sliders .sliderwrap").forEach((slider, i)=>{
		if (slOnOff.length>i && slOnOff[i]!="") slider.parentElement.classList.remove('hide');
		else slider.parentElement.classList.add('hide');
	});

	// set the bottom position of selected effect (sticky) as the top of sliders div
	function setSelectedEffectPosition() {
		if (simplifiedUI) return;
		let top = parseInt(getComputedStyle(gId("sliders")).height) + 5;
		let sel = d.querySelector('#fxlist .selected');
		if (sel) sel.style.bottom = top + "px";
	}

	setSelectedEffectPosition();
	if (_selFxInterval) clearInterval(_selFxInterval);
	_selFxInterval = setInterval(setSelectedEffectPosition,750);
}

function updateSelectedFx()
{
	var parent = gId('fxlist');
	var selElement = parent.querySelector('.selected');
	if (selElement) selElement.classList.remove('selected');
	var selectedEffect = parent.querySelector(`.lstI[data-id="${selectedFx}"]`);
	if (selectedEffect) {
		selectedEffect.classList.add('selected');
		setEffectParameters(selectedFx);
	}
}

function updateUI()
{
	gId('buttonPower').className = (isOn) ? 'active':'';
	updateSelectedFx();
}

function readState(s)
{
	isOn = s.on;
	selectedFx = s.seg[0].fx;
	updateUI();
}

function makeWS() {
	if (ws) return;
	ws = new WebSocket("ws://"+window.location.hostname+"/ws");
	ws.onmessage = (e)=>{
		var json = JSON.parse(e.data);
		if (json.state) readState(json.state);
	};
	ws.onclose = ()=>{ ws = null; setTimeout(makeWS, 1500); };
}

window.addEventListener('load', makeWS);
