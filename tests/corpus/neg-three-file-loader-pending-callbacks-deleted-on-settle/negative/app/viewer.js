import { FileLoader } from '../loaders/FileLoader.js';
import { LoadingManager } from '../loaders/LoadingManager.js';
import { openModel } from './scene.js';

const loader = new FileLoader( new LoadingManager() );

document.getElementById( 'models' ).addEventListener( 'click', ( event ) => {

	const url = event.target.dataset.model;
	if ( ! url ) return;
	loader.load( url, ( buffer ) => openModel( buffer ), undefined, ( err ) => console.error( err ) );

} );
