'use strict';

const cluster = require('cluster');
const Registry = require('./registry');

const GET_METRICS_REQ = 'prom-client:getMetricsReq';
const GET_METRICS_RES = 'prom-client:getMetricsRes';

let requestCtr = 0;
let listenersAdded = false;
// Pending requests for the workers' metrics.
const requests = new Map();

class AggregatorRegistry extends Registry {
	constructor() {
		super();
		addListeners();
	}

	clusterMetrics() {
		const requestId = requestCtr++;

		return new Promise((resolve, reject) => {
			let settled = false;
			function done(err, result) {
				if (settled) return;
				settled = true;
				requests.delete(requestId);
				if (err) reject(err);
				else resolve(result);
			}

			const request = {
				responses: [],
				pending: 0,
				done,
				errorTimeout: setTimeout(() => {
					request.done(new Error('Operation timed out.'));
				}, 5000),
			};
			requests.set(requestId, request);

			for (const id in cluster.workers) {
				if (cluster.workers[id].isConnected()) {
					cluster.workers[id].send({ type: GET_METRICS_REQ, requestId });
					request.pending++;
				}
			}

			if (request.pending === 0) {
				clearTimeout(request.errorTimeout);
				process.nextTick(() => done(null, ''));
			}
		});
	}
}

function addListeners() {
	if (listenersAdded) return;
	listenersAdded = true;

	if (cluster.isMaster) {
		cluster.on('message', (worker, message) => {
			if (message.type !== GET_METRICS_RES) return;
			const request = requests.get(message.requestId);
			if (request === undefined) return;

			if (message.error) {
				request.done(new Error(message.error));
				return;
			}

			message.metrics.forEach(m => request.responses.push(m));
			request.pending--;

			if (request.pending === 0) {
				clearTimeout(request.errorTimeout);
				request.done(null, AggregatorRegistry.aggregate(request.responses).metrics());
			}
		});
	}
}

module.exports = { AggregatorRegistry };
