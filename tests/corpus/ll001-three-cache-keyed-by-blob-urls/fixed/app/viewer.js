import { Cache } from '../loaders/Cache.js';
import { ImageLoader } from '../loaders/ImageLoader.js';
import { showTexture } from './scene.js';

Cache.enabled = true;
const loader = new ImageLoader();

document.getElementById( 'drop' ).addEventListener( 'drop', ( event ) => {

	event.preventDefault();
	for ( const file of event.dataTransfer.files ) {

		const url = URL.createObjectURL( file );
		loader.load( url, ( image ) => {

			showTexture( image );
			URL.revokeObjectURL( url );

		} );

	}

} );
