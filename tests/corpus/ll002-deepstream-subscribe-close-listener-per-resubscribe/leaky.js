var C = require( '../constants/constants' );

var SubscriptionRegistry = function( options, topic ) {
	this._subscriptions = {};
	this._options = options;
	this._topic = topic;
};

SubscriptionRegistry.prototype.subscribe = function( name, socketWrapper ) {
	if( this._subscriptions[ name ] === undefined ) {
		this._subscriptions[ name ] = [];
	}

	if( this._subscriptions[ name ].indexOf( socketWrapper ) !== -1 ) {
		socketWrapper.sendError( this._topic, C.EVENT.MULTIPLE_SUBSCRIPTIONS, name );
		return;
	}

	if( !this.isSubscriber( socketWrapper ) ) {
		// expect: LL002
		socketWrapper.socket.once( 'close', this.unsubscribeAll.bind( this, socketWrapper ) );
	}

	this._subscriptions[ name ].push( socketWrapper );
	socketWrapper.sendMessage( this._topic, C.ACTIONS.ACK, [ C.ACTIONS.SUBSCRIBE, name ] );
};

SubscriptionRegistry.prototype.unsubscribe = function( name, socketWrapper ) {
	if( this._subscriptions[ name ] === undefined ||
		this._subscriptions[ name ].indexOf( socketWrapper ) === -1 ) {
		socketWrapper.sendError( this._topic, C.EVENT.NOT_SUBSCRIBED, name );
		return;
	}

	if( this._subscriptions[ name ].length === 1 ) {
		delete this._subscriptions[ name ];
	} else {
		this._subscriptions[ name ].splice( this._subscriptions[ name ].indexOf( socketWrapper ), 1 );
	}
	socketWrapper.sendMessage( this._topic, C.ACTIONS.ACK, [ C.ACTIONS.UNSUBSCRIBE, name ] );
};

SubscriptionRegistry.prototype.unsubscribeAll = function( socketWrapper ) {
	for( var name in this._subscriptions ) {
		if( this._subscriptions[ name ].indexOf( socketWrapper ) !== -1 ) {
			this.unsubscribe( name, socketWrapper );
		}
	}
};

SubscriptionRegistry.prototype.isSubscriber = function( socketWrapper ) {
	for( var name in this._subscriptions ) {
		if( this._subscriptions[ name ].indexOf( socketWrapper ) !== -1 ) {
			return true;
		}
	}
	return false;
};

module.exports = SubscriptionRegistry;
