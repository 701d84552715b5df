resource spec 'Microsoft.Resources/templateSpecs@2022-02-01' = {
  name: 'baseline'
  location: resourceGroup().location
  properties: {
    description: 'Replaces the baseline blueprint'
  }
}
