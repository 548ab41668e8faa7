/**
 * Decap's English wording, where its generic words ("New Post", "Quick add", "Entry") would
 * puzzle a committee member: the same keys as Decap's own English locale
 * (decap-cms-locales, `en`), in the committee's words. main.ts merges these over Decap's
 * phrases with CMS.registerLocale('en', ...).
 */

/** A set of Decap phrases, nested as in its locale files. */
export interface Phrases {
  [key: string]: string | Phrases;
}

export const EDITOR_PHRASES = {
  auth: {
    login: 'Sign in',
    loggingIn: 'Signing in…',
    loginWithGitHub: 'Sign in with GitHub',
  },
  app: {
    header: {
      content: 'Content',
      media: 'Images',
      // The menu that starts something new (only monthly topics can be added).
      quickAdd: 'Add new',
    },
    app: {
      loadingConfig: 'Opening the editor…',
      waitingBackend: 'Connecting to the site’s files…',
    },
  },
  collection: {
    sidebar: {
      collections: 'What you can edit',
      allCollections: 'Everything',
      searchAll: 'Search everything',
    },
    collectionTop: {
      filterBy: 'Show only',
      // Decap writes "＋ …" with a fullwidth plus that Debian's fonts do not have: plain words instead.
      newButton: 'New %{collectionLabel}',
      newButtonAriaLabel: 'New %{collectionLabel}',
    },
    entries: {
      loadingEntries: 'Loading…',
      cachingEntries: 'Loading…',
      longerLoading: 'This can take a few minutes the first time.',
      noEntries: 'Nothing here yet.',
    },
    defaultFields: {
      updatedOn: { label: 'Last changed' },
    },
  },
  editor: {
    editorControlPane: {
      widget: {
        required: 'Fill in “%{fieldLabel}”.',
        // Our patterns carry the schema's own message, which says what to write.
        regexPattern: '%{pattern}',
        rangeMin: 'Add at least %{minCount} to “%{fieldLabel}”.',
        rangeMax: '“%{fieldLabel}” can have at most %{maxCount}.',
      },
    },
    editor: {
      onLeavePage: 'Leave this page? Changes you have not published will be lost.',
      onDeletePublishedEntry: 'Delete this from the site? It can only be brought back from the site’s history on GitHub.',
      onDeleteWithUnsavedChanges: 'Delete this from the site, with the changes you have not published? It can only be brought back from the site’s history on GitHub.',
      loadingEntry: 'Loading…',
      confirmLoadBackup: 'This browser kept changes to this page that were never published. Do you want to carry on with them?',
    },
    editorInterface: {
      togglePreview: 'Show or hide the preview',
      toggleScrollSync: 'Scroll the preview with the form',
    },
    editorToolbar: {
      publishing: 'Publishing…',
      publishNow: 'Publish now',
      publishAndCreateNew: 'Publish, then write a new one',
      publishAndDuplicate: 'Publish, then start a copy',
      duplicate: 'Start a copy',
      deleteEntry: 'Delete from the site',
      deleting: 'Deleting…',
      unsavedChanges: 'Not published yet',
      changesSaved: 'Published',
      backCollection: ' Back to %{collectionLabel}',
      deployPreviewPendingButtonLabel: 'Is the site updated yet?',
      deployPreviewButtonLabel: 'See the preview',
      deployButtonLabel: 'See it on the site',
    },
    editorWidgets: {
      markdown: {
        bulletedList: 'Bulleted list',
        numberedList: 'Numbered list',
        linkPrompt: 'The web address of the link, starting with https://',
        richText: 'Formatted',
        markdown: 'Markdown',
        toggleMode: {
          rich: 'Show the text formatted',
          markdown: 'Show the text as Markdown',
        },
      },
      datetime: {
        now: 'Today',
        setToNow: 'Set “%{fieldLabel}” to today',
      },
      list: {
        // The item names are chosen so that "a" fits (cmsConfig.test.ts checks).
        add: 'Add a %{item}',
        addType: 'Add a %{item}',
      },
    },
  },
  ui: {
    default: {
      goBackToSite: 'Back to the site',
    },
    settingsDropdown: {
      logOut: 'Sign out',
    },
    toast: {
      onFailToLoadEntries: 'This could not be opened: %{details}',
      onFailToPersist: 'This could not be published: %{details}',
      onFailToDelete: 'This could not be deleted: %{details}',
      missingRequiredField: 'This cannot be published yet: please fix the fields marked in red.',
      entrySaved: 'Published. The site is being updated, which takes a few minutes.',
      entryPublished: 'Published. The site is being updated, which takes a few minutes.',
      onLoggedOut: 'You have been signed out. Copy anything you have not published, then sign in again.',
    },
  },
} satisfies Phrases;

/** Decap's phrases with ours laid over them, key by key (a copy; neither argument changes). */
export function withEditorPhrases(decapPhrases: Phrases, ours: Phrases = EDITOR_PHRASES): Phrases {
  const merged: Phrases = { ...decapPhrases };
  for (const [key, value] of Object.entries(ours)) {
    const theirs = merged[key];
    merged[key] = typeof value === 'object' && typeof theirs === 'object' ? withEditorPhrases(theirs, value) : value;
  }
  return merged;
}
