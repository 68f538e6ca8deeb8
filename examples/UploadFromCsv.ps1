<#
.SYNOPSIS
    Uploads one recording per CSV row. Columns bind by name: path, teammate_email, contacts, recorded_at and,
    optionally, playbook_id. contacts holds emails or phone numbers separated by ';', or a JSON array.
.EXAMPLE
    ./UploadFromCsv.ps1 -CsvPath ./dialer-export.csv
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $CsvPath
)

Import-Module Alpharun -ErrorAction Stop

Import-Csv -LiteralPath $CsvPath | Send-AlpharunRecording
