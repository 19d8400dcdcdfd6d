const inFlight = {};

class FileLoader {

	constructor( manager ) {

		this.manager = manager;

	}

	load( url, onLoad, onProgress, onError ) {

		url = this.manager.resolveURL( url );

		if ( inFlight[ url ] !== undefined ) {

			inFlight[ url ].push( { onLoad, onProgress, onError } );
			return;

		}

		inFlight[ url ] = [];
		inFlight[ url ].push( { onLoad, onProgress, onError } );

		fetch( new Request( url, { signal: this.manager.abortController.signal } ) )
			.then( ( response ) => {

				if ( response.status !== 200 && response.status !== 0 ) {

					throw new Error( `fetch for "${ response.url }" responded with ${ response.status }` );

				}
				return response.arrayBuffer();

			} )
			.then( ( data ) => {

				const waiting = inFlight[ url ];
				delete inFlight[ url ];
				for ( const callback of waiting ) {

					if ( callback.onLoad ) callback.onLoad( data );

				}

			} )
			.catch( ( err ) => {

				const waiting = inFlight[ url ];
				if ( waiting === undefined ) {

					this.manager.itemError( url );
					throw err;

				}
				delete inFlight[ url ];
				for ( const callback of waiting ) {

					if ( callback.onError ) callback.onError( err );

				}
				this.manager.itemError( url );

			} )
			.finally( () => {

				this.manager.itemEnd( url );

			} );

		this.manager.itemStart( url );

	}

}

export { FileLoader };
