@echo off
rem Attune's command line from the installed app: "attune verify D:\path\to\vault".
rem Installed beside Attune.exe. Windows does not wait for a windowed program to finish, so
rem START /WAIT does, and the program's exit code becomes this script's.
start "" /wait /b "%~dp0Attune.exe" --cli %*
exit /b %ERRORLEVEL%
