@echo off
rem Modular input ide_tunnel_risk (Windows): splunkd runs it with --scheme, --validate-arguments, or no
rem argument (input definition on stdin).
call "%~dp0ide_tunnel_risk_java.cmd" ide_tunnel_risk modinput %*
exit /b %ERRORLEVEL%
