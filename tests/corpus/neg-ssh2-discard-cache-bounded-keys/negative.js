'use strict';

const { createCipheriv } = require('crypto');

const CIPHER_INFO = {
  'arcfour128': { sslName: 'rc4', keyLen: 16, discardLen: 1536 },
  'arcfour256': { sslName: 'rc4', keyLen: 32, discardLen: 1536 },
  'aes128-ctr': { sslName: 'aes-128-ctr', keyLen: 16, discardLen: 0 },
  'aes256-ctr': { sslName: 'aes-256-ctr', keyLen: 32, discardLen: 0 },
};

const DISCARD_CACHE = new Map();

class GenericCipherNative {
  constructor(config) {
    const enc = config.outbound;
    const cipherInfo = CIPHER_INFO[enc.cipherName];
    this._cipherInstance = createCipheriv(cipherInfo.sslName, enc.cipherKey, enc.cipherIV);
    this._dead = false;

    const discardLen = cipherInfo.discardLen;
    if (discardLen) {
      let discard = DISCARD_CACHE.get(discardLen);
      if (discard === undefined) {
        discard = Buffer.alloc(discardLen);
        DISCARD_CACHE.set(discardLen, discard);
      }
      this._cipherInstance.update(discard);
    }
  }

  free() {
    this._dead = true;
  }
}

module.exports = { GenericCipherNative, CIPHER_INFO };
