var TradeOfferManager = require('./index.js');
var ETradeOfferState = TradeOfferManager.ETradeOfferState;
var EOfferFilter = TradeOfferManager.EOfferFilter;
var deepEqual = require('deep-equal');
var clone = require('clone');

// pollData.sent / .received: offer id -> last known state; pollData.toAccept: offer id -> last accept attempt
TradeOfferManager.prototype.doPoll = function() {
	if(this.hasShutDown) {
		return;
	}

	if(!this.apiKey || Date.now() - this._lastPoll < 1000) {
		this._resetPollTimer(Date.now() - this._lastPoll);
		return;
	}

	this._lastPoll = Date.now();
	clearTimeout(this._pollTimer);

	var offersSince = this.pollData.offersSince ? this.pollData.offersSince - 300 : 0;

	this.getOffers(EOfferFilter.ActiveOnly, new Date(offersSince * 1000), function(err, sent, received) {
		if(err) {
			this.emit('pollFailure', err);
			this._resetPollTimer();
			return;
		}

		var origPollData = clone(this.pollData);

		// offers the poll no longer returns will never change again: forget them
		var trackedIds = sent.concat(received).map(function(offer) {
			return offer.id;
		});
		var oldIds = Object.keys(this.pollData.sent || {}).concat(Object.keys(this.pollData.received || {}));
		for (var i = 0; i < oldIds.length; i++) {
			if (trackedIds.indexOf(oldIds[i]) === -1) {
				delete this.pollData.sent[oldIds[i]];
				delete this.pollData.received[oldIds[i]];
			}
		}

		var offers = this.pollData.sent || {};

		sent.forEach(function(offer) {
			if(offers[offer.id] && offer.state != offers[offer.id]) {
				this.emit('sentOfferChanged', offer, offers[offer.id]);
			}
			if(offer.state == ETradeOfferState.Active && this.cancelTime && Date.now() - offer.updated.getTime() >= this.cancelTime) {
				offer.cancel();
			}
			offers[offer.id] = offer.state;
		}.bind(this));

		this.pollData.sent = offers;
		offers = this.pollData.received || {};

		received.forEach(function(offer) {
			if(!offers[offer.id] && offer.state == ETradeOfferState.Active) {
				this.emit('newOffer', offer);
			} else if(offers[offer.id] && offer.state != offers[offer.id]) {
				this.emit('receivedOfferChanged', offer, offers[offer.id]);
			}
			offers[offer.id] = offer.state;
		}.bind(this));

		this.pollData.received = offers;

		var latest = this.pollData.offersSince || 0;
		sent.concat(received).forEach(function(offer) {
			latest = Math.max(latest, Math.floor(offer.updated.getTime() / 1000));
		});
		this.pollData.offersSince = latest;

		if(this.pollData.toAccept) {
			for(var offerID in this.pollData.toAccept) {
				var offer = received.filter(function(item) {
					return item.id == offerID;
				})[0];
				if(!offer || offer.state != ETradeOfferState.Active) {
					// no longer active: nothing left to accept
					delete this.pollData.toAccept[offerID];
				} else if(Date.now() - this.pollData.toAccept[offerID] > 60000) {
					this.pollData.toAccept[offerID] = Date.now();
					offer.accept();
				}
			}
		}

		this.emit('pollSuccess');
		if(!deepEqual(origPollData, this.pollData)) {
			this.emit('pollData', this.pollData);
		}

		this._resetPollTimer();
	}.bind(this));
};

TradeOfferManager.prototype._resetPollTimer = function(time) {
	if(time || this.pollInterval >= 1000) {
		clearTimeout(this._pollTimer);
		this._pollTimer = setTimeout(this.doPoll.bind(this), time || this.pollInterval);
	}
};
