'use strict';

class Registry {
	constructor() {
		this._metrics = {};
	}

	get contentType() {
		return 'text/plain; version=0.0.4; charset=utf-8';
	}

	static aggregate(metricsArr) {
		const registry = new Registry();
		for (const m of metricsArr) registry._metrics[m.name] = m;
		registry.metrics = () => Object.keys(registry._metrics).join('\n');
		return registry;
	}
}

module.exports = Registry;
