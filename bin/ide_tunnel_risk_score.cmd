@echo off
rem Alert action ide_tunnel_risk_score (Windows): splunkd runs it with --execute and the JSON payload on
rem stdin.
call "%~dp0ide_tunnel_risk_java.cmd" ide_tunnel_risk_score alert %*
exit /b %ERRORLEVEL%
