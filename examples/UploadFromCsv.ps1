<#
.SYNOPSIS
    Uploads one recording per CSV row. Columns bind by name: path, teammate_email, contacts, recorded_at and,
    optionally, playbook_id. contacts holds emails or phone numbers separated by ';', or a JSON array. A relative
    path is read from the CSV's folder.
.EXAMPLE
    ./UploadFromCsv.ps1 -CsvPath ./recordings/batch.csv
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $CsvPath
)

Import-Module Alpharun -ErrorAction Stop

$folder = Split-Path -Parent (Resolve-Path -LiteralPath $CsvPath).ProviderPath
Import-Csv -LiteralPath $CsvPath |
    ForEach-Object {
        if (-not [IO.Path]::IsPathRooted($_.path)) { $_.path = Join-Path $folder $_.path }
        $_
    } |
    Send-AlpharunRecording
