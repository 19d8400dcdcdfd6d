import { Cache } from './Cache.js';

class ImageLoader {

	load( url, onLoad, onError ) {

		const cached = Cache.get( url );
		if ( cached !== undefined ) {

			setTimeout( () => onLoad && onLoad( cached ), 0 );
			return cached;

		}

		const image = document.createElementNS( 'http://www.w3.org/1999/xhtml', 'img' );
		image.addEventListener( 'load', function onImageLoad() {

			image.removeEventListener( 'load', onImageLoad );
			Cache.add( url, image );
			if ( onLoad ) onLoad( image );

		} );
		image.addEventListener( 'error', function onImageError( event ) {

			image.removeEventListener( 'error', onImageError );
			if ( onError ) onError( event );

		} );
		image.src = url;
		return image;

	}

}

export { ImageLoader };
