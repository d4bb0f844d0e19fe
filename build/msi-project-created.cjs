// electron-builder `msiProjectCreated` hook: patches the generated WiX project so that IT can deploy with
//   msiexec /i ResetDesk.msi SERVER_URL=https://reset.contoso.com ENROLLMENT_TOKEN=rdet_... /qn
// The public properties are written to HKLM\Software\ResetDesk (the app's "installer default" layer, below policy)
// and remembered on repair and upgrade: a later msiexec without them reads the old values back from the registry.
'use strict';
// electron-builder loads hooks with require(), so this file is CommonJS.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { readFile, writeFile } = require('node:fs/promises');

const MARKER = '<!-- resetdesk:installer-properties -->';
const REGISTRY_KEY = 'Software\\ResetDesk';

/** Each property: its MSI name, the registry value the app reads (src-main/config/managed/policy-keys.ts). */
const PROPERTIES = [
  { property: 'SERVER_URL', valueName: 'ServerUrl', hidden: false },
  // Hidden: msiexec does not write the token into its verbose logs.
  { property: 'ENROLLMENT_TOKEN', valueName: 'EnrollmentToken', hidden: true },
];

function propertiesXml() {
  return PROPERTIES.map(({ property, valueName, hidden }) =>
    [
      `    <Property Id="${property}" Secure="yes"${hidden ? ' Hidden="yes"' : ''}/>`,
      // The remembered value is searched into its own property, so a value given on the command line wins.
      `    <Property Id="${property}_SAVED" Secure="yes"${hidden ? ' Hidden="yes"' : ''}>`,
      `      <RegistrySearch Id="${property}_Search" Root="HKLM" Key="${REGISTRY_KEY}" Name="${valueName}" Type="raw" Win64="yes"/>`,
      `    </Property>`,
      `    <SetProperty Id="${property}" Value="[${property}_SAVED]" After="AppSearch" Sequence="both">${property}_SAVED AND NOT ${property}</SetProperty>`,
    ].join('\n'),
  ).join('\n');
}

function componentsXml() {
  return PROPERTIES.map(({ property, valueName }) =>
    [
      `      <Component Id="Registry_${valueName}" Win64="yes">`,
      `        <Condition>${property}</Condition>`,
      `        <RegistryValue Root="HKLM" Key="${REGISTRY_KEY}" Name="${valueName}" Type="string" Value="[${property}]" KeyPath="yes"/>`,
      `      </Component>`,
    ].join('\n'),
  ).join('\n');
}

/** Returns the patched project; patching an already patched project changes nothing. */
function patchWixProject(xml) {
  if (xml.includes(MARKER)) return xml;
  const featureAt = xml.indexOf('<Feature Id="ProductFeature"');
  const groupOpen = /<ComponentGroup Id="ProductComponents"[^>]*>/u.exec(xml);
  if (featureAt < 0 || !groupOpen) {
    throw new Error('msiProjectCreated: the WiX project has no ProductFeature / ProductComponents (template changed?)');
  }
  const afterGroup = groupOpen.index + groupOpen[0].length;
  return (
    xml.slice(0, featureAt) +
    `${MARKER}\n${propertiesXml()}\n    ` +
    xml.slice(featureAt, afterGroup) +
    `\n${componentsXml()}` +
    xml.slice(afterGroup)
  );
}

async function msiProjectCreated(projectFile) {
  await writeFile(projectFile, patchWixProject(await readFile(projectFile, 'utf8')));
}

module.exports = msiProjectCreated;
module.exports.default = msiProjectCreated;
module.exports.patchWixProject = patchWixProject;
module.exports.INSTALLER_PROPERTIES = PROPERTIES;
