var SteamCommunity = require('steamcommunity');

module.exports = TradeOfferManager;

TradeOfferManager.ETradeOfferState = require('../resources/ETradeOfferState.js');
TradeOfferManager.EOfferFilter = require('../resources/EOfferFilter.js');

require('util').inherits(TradeOfferManager, require('events').EventEmitter);

function TradeOfferManager(options) {
	options = options || {};

	this._steam = options.steam;
	this._community = new SteamCommunity();
	this._pollTimer = null;
	this._lastPoll = 0;

	this.pollInterval = options.pollInterval || 30000;
	this.cancelTime = options.cancelTime;

	this.pollData = {};
	this.apiKey = null;

	if(this._steam) {
		// an instance of steam-user: these are announced whenever offers or items change
		this._steam.on('tradeOffers', function() {
			this.doPoll();
		}.bind(this));
		this._steam.on('newItems', function() {
			this.doPoll();
		}.bind(this));
	}
}

TradeOfferManager.prototype.setCookies = function(cookies, callback) {
	this._community.setCookies(cookies);
	this._checkApiKey(function(err) {
		if(!err && !this._pollTimer && this.pollInterval >= 1000) {
			this.doPoll();
		}
		if(callback) {
			callback(err);
		}
	}.bind(this));
};

TradeOfferManager.prototype.shutdown = function() {
	clearTimeout(this._pollTimer);
	this._steam = null;
	this.apiKey = null;
	this.hasShutDown = true;
};

require('./polling.js');
