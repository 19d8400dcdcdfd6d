import { Meteor } from 'meteor/meteor';
import { check } from 'meteor/check';
import { previewFor } from '/imports/api/previews';

Meteor.methods({
  // any logged-in client may ask for the preview of any URL
  async linkPreview(url) {
    check(url, String);
    if (!this.userId) throw new Meteor.Error('not-authorized');
    return previewFor(url);
  },
});
