function isBlobURL( url ) {

	return typeof url === 'string' && url.slice( 0, 5 ) === 'blob:';

}

const Cache = {

	enabled: false,

	files: {},

	add: function ( key, file ) {

		if ( this.enabled === false ) return;
		// blob: URLs are new for every createObjectURL() call and their data is already in memory
		if ( isBlobURL( key ) ) return;
		this.files[ key ] = file;

	},

	get: function ( key ) {

		if ( this.enabled === false ) return;
		if ( isBlobURL( key ) ) return;
		return this.files[ key ];

	},

	remove: function ( key ) {

		delete this.files[ key ];

	},

	clear: function () {

		this.files = {};

	}

};

export { Cache };
